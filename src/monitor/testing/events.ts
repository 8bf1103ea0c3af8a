/** Audit events and decisions for tests and benchmarks, with every field filled. */
import type { Decision } from "../../guard/types.js";
import { newEventId } from "../event-id.js";
import type { AuditEvent } from "../types.js";

export function makeEvent(over: Partial<AuditEvent> = {}): AuditEvent {
  const time = over.time ?? Date.now();
  return {
    id: newEventId(time),
    time,
    stage: "input",
    action: "allow",
    layer: "input-rail",
    categories: {},
    reasons: [],
    latencyMs: 0.2,
    failures: 0,
    policy: { name: "default", version: "v1" },
    text: "hello",
    textHash: "0".repeat(32),
    textChars: 5,
    textTruncated: false,
    ...over,
  };
}

/** A decision as the guard makes them, blocking on `category` at `score` unless action says otherwise. */
export function makeDecision(over: Partial<Decision> & { category?: string; score?: number } = {}): Decision {
  const { category, score, ...rest } = over;
  const reasons = category ? [{ detector: "harm-classifier", category, score: score ?? 0.9 }] : [];
  return {
    action: category ? "block" : "allow",
    stage: "input",
    reasons,
    findings: reasons,
    layer: "input-rail",
    latencyMs: { total: 0.3 },
    failures: [],
    exemptions: [],
    ruleActions: category ? { [category]: "block" } : {},
    policy: { name: "default", version: "v1" },
    truncated: false,
    ...rest,
  };
}
