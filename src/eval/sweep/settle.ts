/**
 * Turns a traced case's collected scores into what the runner keeps (StackSweep), settled so that at the
 * run's own thresholds (scale 1) the scores say exactly what the guard did: a side that stopped the case
 * without a classifier reaching its threshold stopped it for a reason the sweep does not vary (`fixed`);
 * a side that let the case through although a classifier reached its threshold (a transformation
 * exemption, a document sanitised and kept) does not stop it at any scale. Such sides are listed in
 * `adjusted`, so a mismatch between the scores and the guard shows, and can be tested for.
 */
import type { StackOutput } from "../targets/types.js";
import type { CaseTrace } from "./trace.js";
import type { LayerScores, StackSweep } from "./types.js";

export interface SettleInfo {
  inputStopped: boolean;
  outputStopped: boolean;
  /** The model's answer, when the output rail ran on it. */
  withheld?: StackSweep["withheld"];
}

function settle(scores: LayerScores, stopped: boolean): LayerScores | undefined {
  const predicted = scores.fixed || scores.ratio >= 1;
  if (predicted === stopped) return undefined;
  return stopped ? { ratio: scores.ratio, fixed: true } : { ratio: 0, fixed: false };
}

/** The case's output (`actual`) with the sweep record attached; `open` is the answer no stop would have touched. */
export function settleTrace(
  actual: StackOutput,
  open: StackOutput,
  trace: CaseTrace,
  info: SettleInfo & { safeReply: string },
): StackOutput {
  const adjusted: StackSweep["adjusted"] = [];
  let input = trace.input;
  const fixedInput = settle(input, info.inputStopped);
  if (fixedInput) {
    input = fixedInput;
    adjusted.push("input");
  }
  let output = trace.output;
  if (output) {
    const fixedOutput = settle(output, info.outputStopped);
    if (fixedOutput) {
      output = fixedOutput;
      adjusted.push("output");
    }
  }
  const branch =
    actual.stoppedBy === "input-rail" ? "input" : actual.stoppedBy === "output-rail" ? "output" : "open";
  const sweep: StackSweep = {
    input,
    branch,
    inputReply: branch === "input" ? actual.text : info.safeReply,
    outputReply: branch === "output" ? actual.text : info.safeReply,
    open: {
      text: open.text,
      toolCalls: open.toolCalls,
      stoppedBy: open.stoppedBy,
      latencyMs: open.latencyMs,
    },
    adjusted,
  };
  if (output) sweep.output = output;
  if (info.withheld) sweep.withheld = info.withheld;
  return { ...actual, sweep };
}
