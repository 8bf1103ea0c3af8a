/** The tool rail's decisions: whether a tool call may run, and what a tool result did to the session. */
import type { Finding } from "../../detectors/types.js";
import type { ToolRisk } from "../../policy/schema.js";
import type { ArgsSchemaError } from "../../policy/tool-args-schema.js";
import type { UntrustedSource } from "../session/state.js";
import type { CheckContext, Decision } from "../types.js";
import type { ToolRateLimiter } from "./rate-limiter.js";

export type ToolAction = "allow" | "block" | "escalate";

export type ToolReasonKind =
  | "not-allowed" // the policy does not allow the tool
  | "too-long" // the arguments are longer than limits.maxChars (onOversize: block)
  | "invalid-arguments" // the arguments are not JSON
  | "schema" // the arguments do not match tools.<name>.schema
  | "finding" // a detector finding on the arguments triggered a toolCall rule
  | "redacted" // the arguments were redacted by a toolCall rule
  | "untrusted-input" // a guarded tool was called in a turn that read untrusted text
  | "approval" // the tool always needs a person
  | "rate-limit" // too many calls in the session's window
  | "truncated"; // the arguments were longer than limits.maxChars and only their start was checked

export interface ToolReason {
  kind: ToolReasonKind;
  /** What this reason asks for; "allow" reasons are recorded for the audit trail only. */
  action: ToolAction;
  message: string;
  finding?: Finding;
}

export interface ToolDecision {
  action: ToolAction;
  tool: string;
  callId: string;
  risk: ToolRisk;
  reasons: ToolReason[];
  /** The arguments to run the tool with: the call's own, or redacted by the policy. Absent when blocked. */
  arguments?: string;
  schemaErrors: ArgsSchemaError[];
  /** Every detector finding on the arguments (including those under threshold). */
  findings: Finding[];
  /** The guard's toolCall-stage decision over the argument text, when the detectors ran. */
  stage?: Decision;
  /** The untrusted sources read in this turn, when the session was tainted. */
  taint: UntrustedSource[];
  /** What to tell the model or user instead, when blocked or held. */
  safeReply?: string;
  latencyMs: { total: number; detectors?: number; schema?: number };
}

export interface ToolCheckOptions {
  /** Rate-limit store (default: one in-memory limiter per guard). */
  limiter?: ToolRateLimiter;
  /** Clock for rate limits, in milliseconds (default Date.now()). */
  now?: number;
  /** Passed to the guard's toolCall stage (vault for reversible redaction, user id...). */
  ctx?: CheckContext;
}

export interface ToolResultCheck {
  /** The guard's toolResult-stage decision over the result text. */
  decision: Decision;
  tool: string;
  /** True when this result was recorded as untrusted text read in the turn. */
  tainted: boolean;
  source?: UntrustedSource;
}
