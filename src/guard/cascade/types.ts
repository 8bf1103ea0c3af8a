/** Shapes of the cascade: when the guard asks a slower judge, and what the decision says about it. */
import type { LlmJudge } from "../../detectors/llm-judge/types.js";
import type { Stage } from "../../policy/stages.js";
import type { Guard } from "../create-guard.js";
import type { CheckContext, Decision } from "../types.js";

/**
 * The uncertain band, as fractions of the threshold the fast path acts at: a finding (or a band probe's
 * score) at or over low × T and under high × T sends the text to the judge. T is the policy rule's
 * threshold for the finding's category at the stage, raised to the classifier's operating threshold
 * for band-probe scores (the classifier reports nothing under it).
 */
export interface CascadeBand {
  /** Default 0.5. */
  low?: number;
  /** Default 1 (just under the threshold). At most 1: the judge only adds evidence, it never clears a block. */
  high?: number;
}

export interface CascadeOptions {
  judge: LlmJudge;
  band?: CascadeBand;
  /** Time the judge may take (default 1500 ms); over it the call is aborted and the fast verdict stands. */
  budgetMs?: number;
  /** Stages the cascade runs at (default input and output). */
  stages?: readonly Stage[];
  /** Categories whose band sends text to the judge (default: the judge's categories). */
  categories?: readonly string[];
}

/** A check context that can also carry the user message an answer replies to (the judge reads it). */
export type JudgeCheckContext = CheckContext & { prompt?: string };

export interface BandHit {
  detector: string;
  category: string;
  score: number;
  /** The threshold T the band is relative to. */
  threshold: number;
  /** "finding": an under-threshold finding of the decision; "probe": a classifier score from a band probe. */
  via: "finding" | "probe";
}

export type CascadeOutcome =
  | "stage-off" // the cascade does not run at this stage
  | "fast-decided" // the fast path already blocked or escalated
  | "not-in-band" // nothing in the uncertain band: the judge was not asked
  | "safe" // the judge found nothing the policy acts on
  | "unsafe" // the judge's findings changed the decision
  | "timeout" // over budget: the fast verdict stands
  | "error"; // the judge failed (unreachable, unparsable reply): the fast verdict stands

export interface CascadeTrace {
  fired: boolean;
  outcome: CascadeOutcome;
  hits: BandHit[];
  judge?: string;
  judgeMs?: number;
  /** The guard model's reply, when it answered. */
  reply?: string;
}

export interface CascadeDecision extends Decision {
  cascade: CascadeTrace;
}

export interface CascadeGuard extends Guard {
  /** The guard without the cascade. */
  readonly fast: Guard;
  check(stage: Stage, text: string, ctx?: JudgeCheckContext): Promise<CascadeDecision>;
  checkInput(text: string, ctx?: JudgeCheckContext): Promise<CascadeDecision>;
  checkOutput(text: string, ctx?: JudgeCheckContext): Promise<CascadeDecision>;
}
