/**
 * What a response tells the client about the guard's decisions (the `guardstack` extension object):
 * per stage the action, the deciding layer and the reasons (detector, category, score, label and the
 * detector's already-safe evidence) — never spans, the redacted originals or the vault.
 */
import { summarizeDecision } from "../../guard/escalation/summary.js";
import type { DecisionSummary } from "../../guard/escalation/types.js";
import type { DocStatus } from "../../guard/retrieval/index.js";
import type { ToolAction } from "../../guard/tools/index.js";
import type { Decision } from "../../guard/types.js";
import type { Stage } from "../../policy/stages.js";

export interface StageSummary extends DecisionSummary {
  stage: Stage;
}

export interface ToolSummary {
  tool: string;
  callId: string;
  action: ToolAction;
  reasons: string[];
}

export interface DocumentSummary {
  id: string;
  status: DocStatus;
  trusted: boolean;
  reasons: string[];
}

export interface EscalationSummary {
  id: string;
  stage: Stage;
  /** released: approved or released flagged; denied: refused (by a reviewer or the timeout). */
  outcome: "released" | "denied" | "queued";
  flagged: boolean;
  reviewer?: string;
}

/** The `guardstack` object on a completion (and on the last chunk of a stream). */
export interface GuardReport {
  policy: { name: string; version: string };
  input?: StageSummary;
  toolResults?: Array<StageSummary & { tool: string; callId: string }>;
  documents?: DocumentSummary[];
  output?: StageSummary;
  toolCalls?: ToolSummary[];
  /** Set when the guard replaced the response by the safe reply: which stage and layer. */
  blocked?: { stage: Stage; layer: string };
  escalations?: EscalationSummary[];
  /** Request parameters the proxy accepted but did not forward. */
  ignoredParams?: string[];
}

export function stageSummary(d: Decision): StageSummary {
  return { stage: d.stage, ...summarizeDecision(d) };
}
