import { summarize } from "../stats/summarize.js";
import type { RunStats } from "../stats/types.js";
import type { CaseResult, EvalCase } from "../types.js";
import { SWEEP_PARAMETER } from "../sweep/types.js";
import type { FailureKind, FailureRow, ReportInput, SweepPoint } from "./types.js";

/** The probe of a case: its prompt, or the last user turn of its conversation. */
export function promptOf(c: EvalCase): string | undefined {
  if (c.prompt !== undefined) return c.prompt;
  const messages = c.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]!.role === "user") return messages[i]!.content;
  return undefined;
}

function kindOf(r: CaseResult): FailureKind {
  if (r.outcome === "error") return "error";
  if (r.attackSucceeded) return "attack-succeeded";
  if (r.overRefused) return "over-refused";
  return "failed";
}

function detailOf(r: CaseResult): string {
  if (r.outcome === "error") return r.error ?? "error";
  const failing = r.verdicts.filter((v) => !v.pass);
  const shown = failing.length > 0 ? failing : r.verdicts;
  return shown.map((v) => (v.detail ? `${v.judge}: ${v.detail}` : v.judge)).join("; ");
}

/** Failing and errored results in run order, with prompts looked up in the suites when given. */
export function failureRows(input: ReportInput): FailureRow[] {
  const cases = new Map<string, EvalCase>();
  for (const s of input.suites ?? [])
    for (const c of s.cases) {
      // Attack variants may share a case id with their seed; the strategy tells them apart.
      cases.set(`${s.id}\u0000${c.id}\u0000${c.strategy ?? ""}`, c);
      const plain = `${s.id}\u0000${c.id}`;
      if (!cases.has(plain)) cases.set(plain, c);
    }
  const rows: FailureRow[] = [];
  for (const r of input.run.results) {
    if (r.outcome === "pass") continue;
    const c =
      cases.get(`${r.suiteId}\u0000${r.caseId}\u0000${r.strategy}`) ??
      cases.get(`${r.suiteId}\u0000${r.caseId}`);
    const prompt = c ? promptOf(c) : undefined;
    rows.push({
      kind: kindOf(r),
      suiteId: r.suiteId,
      caseId: r.caseId,
      category: r.category,
      strategy: r.strategy,
      language: r.language,
      severity: r.severity,
      expected: r.expected,
      stoppedBy: r.output?.stoppedBy ?? "unknown",
      ...(prompt !== undefined ? { prompt } : {}),
      ...(r.output ? { output: r.output.text, latencyMs: r.output.latencyMs } : {}),
      detail: detailOf(r),
    });
  }
  return rows;
}

/** The run's statistics: given, from the comparison (whose candidate is this run), or computed. */
export function statsOf(input: ReportInput): RunStats {
  if (input.stats) return input.stats;
  if (input.comparison && input.comparison.candidate.runId === input.run.runId)
    return input.comparison.candidateStats;
  return summarize(input.run);
}

export function titleOf(input: ReportInput): string {
  return input.title ?? `Safety evaluation: ${input.run.target}`;
}

/** What a report's sweep section shows: the input's sweep, or else the run's own. */
export interface ReportSweep {
  points: SweepPoint[];
  operatingThreshold?: number;
  /** What the threshold is, e.g. "threshold" or "classifier threshold scale". */
  parameter: string;
}

const PARAMETER_LABELS: Record<string, string> = { [SWEEP_PARAMETER]: "classifier threshold scale" };

export function sweepOf(input: ReportInput): ReportSweep | undefined {
  if (input.sweep && input.sweep.length > 0)
    return {
      points: input.sweep,
      ...(input.operatingThreshold !== undefined ? { operatingThreshold: input.operatingThreshold } : {}),
      parameter: input.sweepParameter ?? "threshold",
    };
  const own = input.run.sweep;
  if (own && own.points.length > 0)
    return {
      points: own.points,
      operatingThreshold: own.operating,
      parameter: PARAMETER_LABELS[own.parameter] ?? own.parameter,
    };
  return undefined;
}
