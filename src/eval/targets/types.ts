/** What an evaluation runs cases against: a model, the guarded stack, the guard alone, a user's HTTP app. */
import type { DecisionAction } from "../../guard/types.js";
import type { ToolCall } from "../../providers/types.js";
import type { StackSweep } from "../sweep/types.js";
import type { EvalCase, TargetOutput } from "../types.js";

export type RailLayer = "input-rail" | "retrieval-rail" | "output-rail";

/** One thing a guard rail did to a case on its way through the stack (recorded with the output). */
export interface RailEvent {
  layer: RailLayer;
  /** The stage checked, e.g. "input", "retrieval", "toolCall". */
  stage: string;
  action: DecisionAction;
  /** Categories of the findings that triggered the action. */
  reasons: string[];
  /** Which part of the case: "turn 2", "document 1", "answer", "tool call send_email". */
  subject: string;
  latencyMs: number;
}

/** A target's output with the rail events that produced it, when it has rails. */
export interface StackOutput extends TargetOutput {
  rails?: RailEvent[];
  /**
   * The model's answer the output rail stopped (not shown to the user). The judges read it to tell a
   * justified stop (it would have leaked) from an over-refusal by the rail.
   */
  withheld?: { text: string; toolCalls: ToolCall[] };
  /** With StackRunOptions.trace: what the threshold sweep needs (the runner keeps it as CaseResult.guardScores). */
  sweep?: StackSweep;
}

export interface EvalTarget {
  /** A stable label; with the provider's name it keys the response cache, e.g. "stack(default)+openai:gpt-4o-mini". */
  readonly name: string;
  readonly kind: "provider" | "stack" | "guard" | "http" | "replay";
  run(c: EvalCase, signal?: AbortSignal): Promise<StackOutput>;
}
