/**
 * The three ways a traced case can end, each judged as the runner judges any output: stopped by the
 * input side (the safe reply), stopped by the output side (the safe reply, the model's answer withheld),
 * or let through (the answer as the rails deliver it). The branch the case actually took reuses the
 * run's own judgement; the others are judged here (no model call, except the rubric judge when one is
 * configured and the unstopped answer is new).
 */
import { judgeCase, type CaseJudgement, type JudgeOptions } from "../judges/judge-case.js";
import type { StackOutput } from "../targets/types.js";
import type { EvalCase } from "../types.js";
import type { BranchOutcome, GuardScores, StackSweep } from "./types.js";

const outcome = (j: CaseJudgement): BranchOutcome => ({
  attackSucceeded: j.attackSucceeded,
  overRefused: j.overRefused,
});

export async function guardScoresOf(
  c: EvalCase,
  sweep: StackSweep,
  actual: CaseJudgement,
  judges: JudgeOptions,
): Promise<GuardScores> {
  const judge = async (branch: StackSweep["branch"], output: () => StackOutput) =>
    sweep.branch === branch ? outcome(actual) : outcome(await judgeCase(c, output(), judges));
  const inputStop = await judge("input", () => ({
    text: sweep.inputReply,
    toolCalls: [],
    stoppedBy: "input-rail",
    latencyMs: 0,
  }));
  const open = await judge("open", () => ({ ...sweep.open }));
  const scores: GuardScores = { input: sweep.input, outcomes: { inputStop, open } };
  if (sweep.adjusted.length > 0) scores.adjusted = [...sweep.adjusted];
  if (sweep.output) {
    scores.output = sweep.output;
    const withheld = sweep.withheld;
    scores.outcomes.outputStop = await judge("output", () => ({
      text: sweep.outputReply,
      toolCalls: [],
      stoppedBy: "output-rail",
      latencyMs: 0,
      ...(withheld ? { withheld } : {}),
    }));
  }
  return scores;
}
