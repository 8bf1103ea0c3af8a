/**
 * Attaches the audit trail to a guard without touching the engine: the returned guard decides exactly
 * as the one it wraps, then hands the decision to the writer (one array push) and, when given, to the
 * metrics. Auditing can never fail or delay a check.
 */
import type { Detector } from "../detectors/types.js";
import type { Guard } from "../guard/create-guard.js";
import type { CheckContext, Decision } from "../guard/types.js";
import type { Stage } from "../policy/stages.js";
import type { AuditInput } from "./audit-event.js";
import type { AuditWriter } from "./audit-writer.js";
import { auditSettingsOf, type AuditSettingsInput } from "./config.js";
import { createAuditRedactor } from "./redactor.js";

/** The check context plus the API key the request came with (an id, never the key itself). */
export interface AuditCheckContext extends CheckContext {
  keyId?: string;
}

/** What receives every decision besides the writer (MonitorMetrics is one). */
export interface DecisionObserver {
  observeDecision(decision: Decision): void;
}

export interface WithAuditOptions {
  /** Used when the check's context has none. */
  userId?: string;
  sessionId?: string;
  keyId?: string;
  /** Overrides the policy's `audit:` section (storeRawText, maxStoredChars). */
  settings?: AuditSettingsInput;
  /** Stages to audit (default: all). */
  stages?: readonly Stage[];
  observers?: readonly DecisionObserver[];
}

export function withAudit(guard: Guard, writer: AuditWriter, options: WithAuditOptions = {}): Guard {
  const redactWith = ["pii", "secrets"]
    .map((name) => guard.registry.get(name))
    .filter((d): d is Detector => d !== undefined);
  const redactor = createAuditRedactor({
    ...(redactWith.length > 0 ? { detectors: redactWith } : {}),
    policy: guard.policy,
  });
  const settings = auditSettingsOf(guard.policy, options.settings);
  const stages = options.stages ? new Set(options.stages) : undefined;
  const observers = options.observers ?? [];

  const check = async (stage: Stage, text: string, ctx?: AuditCheckContext): Promise<Decision> => {
    const decision = await guard.check(stage, text, ctx);
    try {
      if (!stages || stages.has(stage)) {
        const input: AuditInput = { decision, text, redactor, settings };
        const userId = ctx?.userId ?? options.userId;
        const sessionId = ctx?.sessionId ?? options.sessionId;
        const keyId = ctx?.keyId ?? options.keyId;
        if (userId !== undefined) input.userId = userId;
        if (sessionId !== undefined) input.sessionId = sessionId;
        if (keyId !== undefined) input.keyId = keyId;
        writer.record(input);
      }
      for (const o of observers) o.observeDecision(decision);
    } catch {
      // The audit trail is never a reason to fail a check; the writer counts its own losses.
    }
    return decision;
  };

  return {
    ...guard,
    check,
    checkInput: (text, ctx) => check("input", text, ctx),
    checkOutput: (text, ctx) => check("output", text, ctx),
  };
}
