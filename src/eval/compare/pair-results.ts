import type { CaseResult, RunSummary } from "../types.js";
import { IncomparableRunsError, type PairingCounts } from "./types.js";

export interface ResultPair {
  a: CaseResult;
  b: CaseResult;
}

/** The pairing key: a case under one attack strategy in one suite. */
export function pairKey(r: CaseResult): string {
  return `${r.suiteId}\u0000${r.caseId}\u0000${r.strategy}`;
}

/** Throws unless both runs ran the same set of suites (suite ids are content hashes). */
export function assertSameSuites(a: RunSummary, b: RunSummary): string[] {
  const sa = [...new Set(a.suiteIds)].sort();
  const sb = [...new Set(b.suiteIds)].sort();
  if (sa.length === sb.length && sa.every((id, i) => id === sb[i])) return sa;
  const onlyA = sa.filter((id) => !sb.includes(id));
  const onlyB = sb.filter((id) => !sa.includes(id));
  throw new IncomparableRunsError(
    `cannot compare run "${a.runId}" with run "${b.runId}": they ran different suites ` +
      `(only in "${a.runId}": ${onlyA.join(", ") || "none"}; only in "${b.runId}": ${onlyB.join(", ") || "none"}). ` +
      "A suite id is a hash of its cases, so any edit makes a new suite; run both targets on the same suite version.",
  );
}

function index(results: readonly CaseResult[]): { map: Map<string, CaseResult>; duplicates: number } {
  const map = new Map<string, CaseResult>();
  let duplicates = 0;
  for (const r of results) {
    const key = pairKey(r);
    if (map.has(key)) duplicates++;
    else map.set(key, r);
  }
  return { map, duplicates };
}

/** Pairs results of two runs by (suite, case, strategy), with counts of what could not be paired. */
export function pairResults(a: RunSummary, b: RunSummary): { pairs: ResultPair[]; counts: PairingCounts } {
  const ia = index(a.results);
  const ib = index(b.results);
  const pairs: ResultPair[] = [];
  const counts: PairingCounts = {
    onlyInA: 0,
    onlyInB: 0,
    duplicatesInA: ia.duplicates,
    duplicatesInB: ib.duplicates,
    expectationMismatch: 0,
    errored: 0,
  };
  for (const [key, ra] of ia.map) {
    const rb = ib.map.get(key);
    if (!rb) counts.onlyInA++;
    else pairs.push({ a: ra, b: rb });
  }
  for (const key of ib.map.keys()) if (!ia.map.has(key)) counts.onlyInB++;
  return { pairs, counts };
}
