import { failureRows, statsOf, sweepOf } from "./prepare.js";
import type { ReportInput } from "./types.js";

export const JSON_REPORT_FORMAT = "guardstack-eval-report";
/** 2: `run.results` holds every case result (so `guardstack compare` can pair two reports case by case). */
export const JSON_REPORT_VERSION = 2;

/**
 * A machine-readable report: the run with every result, the statistics, the comparison, the sweep and
 * ablations, and the failing cases. Rates without data are NaN in memory and null here (JSON has no NaN).
 */
export function renderJson(input: ReportInput): string {
  const stats = statsOf(input);
  const sweep = sweepOf(input);
  const report = {
    format: JSON_REPORT_FORMAT,
    version: JSON_REPORT_VERSION,
    run: {
      runId: input.run.runId,
      target: input.run.target,
      suiteIds: input.run.suiteIds,
      startedAt: input.run.startedAt,
      finishedAt: input.run.finishedAt ?? null,
      results: input.run.results,
      ...(input.run.sweep ? { sweep: input.run.sweep } : {}),
    },
    stats,
    comparison: input.comparison ?? null,
    sweep: sweep?.points ?? null,
    operatingThreshold: sweep?.operatingThreshold ?? null,
    sweepParameter: sweep?.parameter ?? null,
    ablations: input.ablations ?? null,
    failures: failureRows(input),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
