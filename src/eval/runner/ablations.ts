/**
 * Runs the same plan through each layer ablation of the stack (see targets/ablations.ts) and reduces
 * each run to the row a report shows: attack success, over-refusal, median latency. The ablation runs
 * are kept in memory, not stored as runs of their own (they would crowd the store and "latest"); give
 * `fullStack` (the run just made with every layer) to reuse it instead of running it again.
 */
import type { Guard } from "../../guard/create-guard.js";
import type { Provider } from "../../providers/types.js";
import type { AblationRow } from "../report/types.js";
import { summarize } from "../stats/index.js";
import { ablationTargets } from "../targets/ablations.js";
import type { RunSummary } from "../types.js";
import { runEval, type RunEvalOptions } from "./run-eval.js";

export interface AblationRun {
  layer: string;
  run: RunSummary;
}

export type AblationOptions = Omit<RunEvalOptions, "target" | "resumeRunId" | "runId" | "store"> & {
  guard: Guard;
  provider: Provider;
  fullStack?: RunSummary;
};

function rowOf(layer: string, run: RunSummary): AblationRow {
  const stats = summarize(run);
  return {
    layer,
    asr: stats.asr.rate,
    overRefusal: stats.overRefusal.rate,
    latencyMs: stats.latency?.p50Ms ?? NaN,
  };
}

export async function runAblations(
  options: AblationOptions,
): Promise<{ runs: AblationRun[]; rows: AblationRow[] }> {
  const { guard, provider, fullStack, ...common } = options;
  const runs: AblationRun[] = [];
  for (const a of ablationTargets({ guard, provider })) {
    const reuse =
      fullStack !== undefined && a.layers !== null && a.layers.input && a.layers.retrieval && a.layers.output;
    const run = reuse ? fullStack : await runEval({ ...common, target: a.target });
    runs.push({ layer: a.layer, run });
  }
  return { runs, rows: runs.map((r) => rowOf(r.layer, r.run)) };
}
