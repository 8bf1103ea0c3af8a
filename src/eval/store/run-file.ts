/**
 * Reads a run from a JSON file: a run file (`guardstack eval --run-file`, `report --format run`: the
 * RunSummary itself) or a JSON report (`guardstack eval --json`, `report --format json`), which from
 * version 2 holds every case result. Anything else is one clear line saying what the file is not.
 */
import { readFileSync } from "node:fs";
import { reviveSweep } from "../sweep/revive.js";
import type { CaseResult, RunSummary } from "../types.js";

export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunFileError";
  }
}

const JSON_REPORT_FORMAT = "guardstack-eval-report";
const OUTCOMES = new Set(["pass", "fail", "error"]);

function isResult(v: unknown): v is CaseResult {
  const r = v as Partial<CaseResult> | null;
  return (
    r !== null &&
    typeof r === "object" &&
    typeof r.caseId === "string" &&
    typeof r.suiteId === "string" &&
    typeof r.outcome === "string" &&
    OUTCOMES.has(r.outcome) &&
    (r.expected === "refuse" || r.expected === "comply") &&
    typeof r.attackSucceeded === "boolean" &&
    typeof r.overRefused === "boolean"
  );
}

function isRunSummary(v: unknown): v is RunSummary {
  const r = v as Partial<RunSummary> | null;
  return (
    r !== null &&
    typeof r === "object" &&
    typeof r.runId === "string" &&
    typeof r.target === "string" &&
    Array.isArray(r.suiteIds) &&
    r.suiteIds.every((id) => typeof id === "string") &&
    Array.isArray(r.results)
  );
}

function checkedRun(run: RunSummary, path: string): RunSummary {
  const bad = run.results.findIndex((r) => !isResult(r));
  if (bad >= 0)
    throw new RunFileError(
      `${path}: result ${bad + 1} is not a guardstack case result (needs caseId, suiteId, outcome, expected, attackSucceeded, overRefused)`,
    );
  const { sweep: raw, ...rest } = run;
  const sweep = reviveSweep(raw);
  return sweep ? { ...rest, sweep } : rest;
}

/** The run in a JSON report of version 2 or later. */
function runOfReport(report: Record<string, unknown>, path: string): RunSummary {
  const run = report.run as Record<string, unknown> | undefined;
  if (!run || !Array.isArray(run.results))
    throw new RunFileError(
      `${path} is a guardstack JSON report without case results (version ${String(report.version)}, statistics only); ` +
        "write it again with this version: guardstack report RUN_ID --format json --out FILE",
    );
  const summary = {
    runId: run.runId,
    target: run.target,
    suiteIds: run.suiteIds,
    startedAt: typeof run.startedAt === "string" ? run.startedAt : "",
    results: run.results,
    ...(typeof run.finishedAt === "string" ? { finishedAt: run.finishedAt } : {}),
    ...(run.sweep && typeof run.sweep === "object" ? { sweep: run.sweep } : {}),
  };
  if (!isRunSummary(summary))
    throw new RunFileError(
      `${path} is a guardstack JSON report with a damaged run (needs runId, target, suiteIds)`,
    );
  return summary;
}

/** The run a JSON file holds; RunFileError with one line when it holds none. */
export function readRunFile(path: string): RunSummary {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RunFileError(
      code === "ENOENT"
        ? `no such file ${path}`
        : `cannot read ${path}: ${(err as Error).message.split("\n")[0]}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RunFileError(
      `${path} is not a guardstack JSON report or run file: not JSON (${(err as Error).message.split("\n")[0]})`,
    );
  }
  if (value && typeof value === "object" && (value as { format?: unknown }).format === JSON_REPORT_FORMAT)
    return checkedRun(runOfReport(value as Record<string, unknown>, path), path);
  if (isRunSummary(value)) return checkedRun(value, path);
  throw new RunFileError(
    `${path} is not a guardstack JSON report or run file (write one with guardstack eval --json FILE, or guardstack report RUN_ID --format json)`,
  );
}
