/** Runs one planned case against the target and judges it; any failure becomes an `error` result with one line. */
import { ProviderError } from "../../providers/types.js";
import { isAttackCase } from "../attack.js";
import { judgeCase, type JudgeOptions } from "../judges/judge-case.js";
import { guardScoresOf } from "../sweep/branches.js";
import type { EvalTarget } from "../targets/types.js";
import type { CaseResult } from "../types.js";
import type { PlannedCase } from "./plan.js";

/** The first line of an error's message. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split("\n")[0] ?? message).trim() || (err instanceof Error ? err.name : "error");
}

function base(p: PlannedCase): Omit<CaseResult, "outcome" | "attackSucceeded" | "overRefused" | "verdicts"> {
  const c = p.case;
  return {
    caseId: c.id,
    suiteId: p.suiteId,
    category: c.category,
    language: c.language,
    severity: c.severity,
    behaviour: c.behaviour ?? c.id,
    strategy: c.strategy ?? "",
    expected: c.expected.behaviour,
    attack: isAttackCase(c),
  };
}

export function errorResult(p: PlannedCase, message: string): CaseResult {
  return {
    ...base(p),
    outcome: "error",
    attackSucceeded: false,
    overRefused: false,
    verdicts: [],
    error: message,
  };
}

export interface CaseRunOutcome {
  result: CaseResult;
  /** The error, when the target failed (for deciding whether the whole run should stop). */
  failure?: unknown;
}

export async function runCase(
  p: PlannedCase,
  target: EvalTarget,
  judges: JudgeOptions,
  signal?: AbortSignal,
): Promise<CaseRunOutcome> {
  let output;
  try {
    output = await target.run(p.case, signal);
  } catch (err) {
    return { result: errorResult(p, oneLine(err)), failure: err };
  }
  // The sweep record is not part of the output a report shows or the store keeps.
  const { sweep, ...shown } = output;
  try {
    const judged = await judgeCase(p.case, shown, judges);
    const result: CaseResult = { ...base(p), ...judged, output: shown };
    if (sweep) {
      try {
        result.guardScores = await guardScoresOf(p.case, sweep, judged, judges);
      } catch {
        // Judging a branch failed (the rubric judge's model): the case is left out of the sweep, and counted.
      }
    }
    return { result };
  } catch (err) {
    const who = err instanceof ProviderError ? "the judge model failed" : "judging failed";
    return { result: { ...errorResult(p, `${who}: ${oneLine(err)}`), output: shown }, failure: err };
  }
}
