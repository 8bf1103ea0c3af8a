/** Turns one guard decision and the text it judged into the event the audit store keeps. */
import { createHash } from "node:crypto";
import type { Decision } from "../guard/types.js";
import type { AuditSettingsT } from "./config.js";
import type { AuditRedactor } from "./redactor.js";
import type { AuditEvent, AuditReason } from "./types.js";

/** What the guard side hands to the writer: cheap to make, no copying of the text. */
export interface AuditInput {
  decision: Decision;
  /** The text the guard was given (raw). */
  text: string;
  userId?: string;
  sessionId?: string;
  keyId?: string;
  /** Epoch ms; default when recorded. */
  time?: number;
  /** The redactor of the guard that decided (its policy's settings); default the writer's. */
  redactor?: AuditRedactor;
  /** The guard's audit settings; default the writer's. */
  settings?: AuditSettingsT;
}

export function textHash(salt: string, text: string): string {
  return createHash("sha256").update(salt).update("\u0000").update(text).digest("hex").slice(0, 32);
}

/** Cuts at `max` code units without leaving half a surrogate pair at the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const c = text.charCodeAt(max - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

export async function buildAuditEvent(
  id: string,
  time: number,
  input: AuditInput,
  salt: string,
  redactor: AuditRedactor,
  settings: AuditSettingsT,
): Promise<AuditEvent> {
  const d = input.decision;
  const stored = cut(input.text, settings.maxStoredChars);
  const categories: Record<string, number> = {};
  for (const f of d.findings) {
    const prev = categories[f.category];
    if (prev === undefined || f.score > prev) categories[f.category] = f.score;
  }
  const reasons: AuditReason[] = d.reasons.map((f) => ({
    detector: f.detector,
    category: f.category,
    ...(f.label !== undefined ? { label: f.label } : {}),
    score: f.score,
  }));
  let text: string;
  try {
    text = await redactor(stored, d);
  } catch (err) {
    // Never fall back to the raw text.
    text = `[not stored: redaction failed: ${err instanceof Error ? err.message : String(err)}]`;
  }
  const event: AuditEvent = {
    id,
    time,
    stage: d.stage,
    action: d.action,
    layer: d.layer,
    categories,
    reasons,
    latencyMs: d.latencyMs.total ?? 0,
    failures: d.failures.length,
    policy: { name: d.policy.name, version: d.policy.version },
    text,
    textHash: textHash(salt, input.text),
    textChars: input.text.length,
    textTruncated: stored.length < input.text.length,
  };
  if (input.userId !== undefined) event.userId = input.userId;
  if (input.sessionId !== undefined) event.sessionId = input.sessionId;
  if (input.keyId !== undefined) event.keyId = input.keyId;
  if (settings.storeRawText) event.rawText = stored;
  return event;
}
