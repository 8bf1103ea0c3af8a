/**
 * The threshold sweep's shapes: what a run records per case about the guard's learned classifiers, and
 * the curve computed from it after the run (see compute.ts for what exactly is swept).
 */

/** One operating point of a threshold sweep of the guard: higher thresholds block less. */
export interface SweepPoint {
  threshold: number;
  /** Attack success rate (under-refusal) at this threshold. */
  asr: number;
  overRefusal: number;
}

/** What one side of the guard (input or output) would do to a case as the classifier thresholds scale. */
export interface LayerScores {
  /**
   * The highest learned-classifier score over the threshold it had to reach to stop the case (score /
   * max(the classifier's operating threshold, the policy rule's threshold)), over the findings whose
   * rule blocks or escalates at that stage; 0 when there are none. At threshold scale k the side stops
   * the case when `ratio >= k`.
   */
  ratio: number;
  /** The side stops the case whatever the classifier thresholds (rules without a threshold: secrets, tool rules...). */
  fixed: boolean;
}

/** How a case is scored on one branch. */
export interface BranchOutcome {
  attackSucceeded: boolean;
  overRefused: boolean;
}

/** What a run records per case so the sweep can be computed afterwards, without running the case again. */
export interface GuardScores {
  /** The input side: every user or assistant turn, tool result and (guard target) retrieved document. */
  input: LayerScores;
  /** The output side (the answer and its tool calls); absent when there was no answer to check. */
  output?: LayerScores;
  /** The case judged as the input side stopped it, as the output side stopped it, and as nothing did. */
  outcomes: { inputStop: BranchOutcome; outputStop?: BranchOutcome; open: BranchOutcome };
  /** Sides whose classifier scores disagreed with what the guard did at the run's thresholds (see settle.ts). */
  adjusted?: Array<"input" | "output">;
}

export const SWEEP_PARAMETER = "classifier-threshold-scale";

/** A run's threshold sweep, stored with the run. */
export interface RunSweep {
  /** What is varied: every learned classifier's blocking threshold, multiplied by `threshold`. */
  parameter: typeof SWEEP_PARAMETER;
  /** The scale the run itself used: 1 (every threshold as configured). */
  operating: number;
  points: SweepPoint[];
  /** Non-error results the curve is computed over (those with recorded guard scores). */
  cases: number;
  /** Non-error results left out for want of recorded guard scores. */
  leftOut: number;
}

/** A tool call or answer as the judges read it (the shape of TargetOutput, without importing it). */
interface Answer {
  text: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
}

/** What a traced stack run hands the runner for the sweep (StackOutput.sweep); not stored. */
export interface StackSweep {
  input: LayerScores;
  output?: LayerScores;
  /** Where the case went at the run's thresholds. */
  branch: "input" | "output" | "open";
  /** What the user would see were the input side, or the output side, to stop the case. */
  inputReply: string;
  outputReply: string;
  /** The model's answer an output-side stop withholds; absent when the output rail did not run. */
  withheld?: Answer;
  /** The answer as the rails deliver it when neither side stops the case. */
  open: Answer & { stoppedBy: "input-rail" | "model" | "output-rail" | "none"; latencyMs: number };
  /** Sides whose scores disagreed with what the guard did at the run's thresholds, set to agree. */
  adjusted: Array<"input" | "output">;
}
