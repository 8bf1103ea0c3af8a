/**
 * What an "escalate" decision does in the server. Without the review queue (`reviewQueue: false`, the
 * default) it is refused like a block: nobody is there to review it. With it, the held text (redacted)
 * goes to the escalation queue, and the policy's `escalation:` section decides: mode "hold" keeps the
 * request waiting for a reviewer up to escalation.timeoutMs (then the timeout policy decides), mode
 * "release-flagged" lets it through at once, flagged for review after the fact. A stream cannot wait
 * mid-response, so a streamed escalation is queued for the record and refused.
 *
 * One queue serves every policy: mode and timeout come from the policy of the request, what happens on
 * timeout (onTimeout) from the server's policy.
 */
import { EscalationQueue } from "../../guard/escalation/index.js";
import type { EscalationStore } from "../../guard/escalation/index.js";
import type { EscalationConfig } from "../../guard/limits/index.js";
import { redact } from "../../guard/redaction/index.js";
import type { Decision } from "../../guard/types.js";
import type { Policy } from "../../policy/schema.js";
import type { Stage } from "../../policy/stages.js";
import type { EscalationSummary } from "../chat/summary.js";

export interface EscalationRequest {
  stage: Stage;
  /** The text that was escalated, as received: it is redacted before it is queued. */
  text: string;
  decision: Decision;
  policy: Policy;
  userId?: string;
  sessionId?: string;
  /** True when the caller cannot wait (a stream already under way): queue it and refuse. */
  noWait?: boolean;
}

export interface EscalationResult {
  release: boolean;
  summary?: EscalationSummary;
}

/** The text with every finding that has a span replaced per the policy's redaction settings. */
export function redactForReview(text: string, decision: Decision, policy: Policy): string {
  const items = decision.findings
    .filter((f) => f.span !== undefined)
    .map((f) => ({ span: f.span as [number, number], label: f.label ?? f.category }));
  const subject = decision.truncated ? text.slice(0, policy.limits.maxChars) : text;
  return items.length > 0 ? redact(subject, items, policy.redaction).text : subject;
}

/**
 * The text to pass on once a reviewer released it: what the policy redacts (the `redact` rules among the
 * decision's reasons) is still redacted; only the escalation itself was lifted.
 */
export function releasedText(text: string, decision: Decision, policy: Policy): string {
  const items = decision.reasons
    .filter((f) => f.span !== undefined && decision.ruleActions[f.category] === "redact")
    .map((f) => ({ span: f.span as [number, number], label: f.label ?? f.category }));
  const subject = decision.truncated ? text.slice(0, policy.limits.maxChars) : text;
  return items.length > 0 ? redact(subject, items, policy.redaction).text : subject;
}

export class Escalations {
  /** The queue reviewers work from; absent when the server has no `escalation:` section. */
  readonly queue: EscalationQueue | undefined;

  constructor(config: EscalationConfig | undefined, store?: EscalationStore) {
    this.queue = config ? new EscalationQueue({ config, ...(store ? { store } : {}) }) : undefined;
  }

  get enabled(): boolean {
    return this.queue !== undefined;
  }

  async handle(req: EscalationRequest): Promise<EscalationResult> {
    const queue = this.queue;
    if (!queue) return { release: false };
    const id = await queue.enqueue({
      stage: req.stage,
      text: redactForReview(req.text, req.decision, req.policy),
      decision: req.decision,
      ...(req.userId !== undefined ? { userId: req.userId } : {}),
      ...(req.sessionId !== undefined ? { sessionId: req.sessionId } : {}),
      mode: req.noWait ? "hold" : req.policy.escalation.mode,
      actor: "guardstack-server",
    });
    if (req.noWait)
      return { release: false, summary: { id, stage: req.stage, outcome: "queued", flagged: false } };
    const outcome = await queue.waitForReview(id, req.policy.escalation.timeoutMs);
    const summary: EscalationSummary = {
      id,
      stage: req.stage,
      outcome: outcome.release ? "released" : "denied",
      flagged: outcome.flagged,
    };
    if (outcome.reviewer !== undefined) summary.reviewer = outcome.reviewer;
    return { release: outcome.release, summary };
  }
}
