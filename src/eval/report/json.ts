import { failureRows, statsOf } from "./prepare.js";
import type { ReportInput } from "./types.js";

export const JSON_REPORT_FORMAT = "guardstack-eval-report";
export const JSON_REPORT_VERSION = 1;

/**
 * A machine-readable report: the statistics, the comparison, the sweep and ablations, and the failing
 * cases. Rates without data are NaN in memory and null here (JSON has no NaN).
 */
export function renderJson(input: ReportInput): string {
  const stats = statsOf(input);
  const report = {
    format: JSON_REPORT_FORMAT,
    version: JSON_REPORT_VERSION,
    run: {
      runId: input.run.runId,
      target: input.run.target,
      suiteIds: input.run.suiteIds,
      startedAt: input.run.startedAt,
      finishedAt: input.run.finishedAt ?? null,
    },
    stats,
    comparison: input.comparison ?? null,
    sweep: input.sweep ?? null,
    operatingThreshold: input.operatingThreshold ?? null,
    ablations: input.ablations ?? null,
    failures: failureRows(input),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
