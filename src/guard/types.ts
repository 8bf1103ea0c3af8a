import type { Finding } from "../detectors/types.js";
import type { Stage } from "../policy/stages.js";
import type { RuleAction } from "../policy/schema.js";
import type { Vault } from "./redaction/index.js";

export type DecisionAction = "allow" | "modify" | "block" | "escalate";

/** A detector that threw or ran past its time budget. */
export interface DetectorFailure {
  detector: string;
  kind: "error" | "timeout";
  message: string;
  /** True when the failure alone made the decision block (fail closed). */
  failedClosed: boolean;
}

/** A finding the policy would have acted on but let pass because the request transforms supplied text. */
export interface TransformationExemption {
  finding: Finding;
  transformation: string;
}

export interface Decision {
  action: DecisionAction;
  stage: Stage;
  /** The text to pass on: redacted when action is "modify", the original when "allow", absent otherwise. */
  text?: string;
  /** The policy's reply to show instead, when action is "block" (or "escalate" while held). */
  safeReply?: string;
  /** Findings that led to the action (score at or over the threshold of a non-allow rule). */
  reasons: Finding[];
  /** Every finding, including those under threshold or allowed by the policy. */
  findings: Finding[];
  /** The layer that decided, e.g. "input-rail". */
  layer: string;
  /** Per-step latency: each detector by name, "normalize", and "total". */
  latencyMs: Record<string, number>;
  failures: DetectorFailure[];
  exemptions: TransformationExemption[];
  /** Which rule action each reason triggered (category -> action). */
  ruleActions: Record<string, RuleAction>;
  policy: { name: string; version: string };
  /** True when the text was cut to the policy's size limit before checking. */
  truncated: boolean;
  /** The vault holding redacted originals, when the redaction mode is "vault". */
  vault?: Vault;
}

/** Facts about the request that detectors and the audit trail use. */
export interface CheckContext {
  systemPrompt?: string;
  canaries?: string[];
  /** Source passages the answer should be grounded in (RAG documents), for groundedness checks. */
  context?: string[];
  /** A per-conversation vault for reversible redaction; created when needed and absent. */
  vault?: Vault;
  userId?: string;
  sessionId?: string;
  /** The API key the request came with (its id, never the key), for per-key audit and limits. */
  keyId?: string;
}
