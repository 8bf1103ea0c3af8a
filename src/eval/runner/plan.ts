/**
 * The plan of a run: every suite's cases, crossed with the attack strategies (seed cases first, then
 * their variants), each with its place in the run and its result key. The same suites, strategies and
 * seed always give the same plan, which is what lets a run resume.
 */
import { applyStrategiesAsync } from "../attacks/index.js";
import type { Translate } from "../attacks/index.js";
import { resultKey } from "../store/run-id.js";
import type { EvalCase, Suite } from "../types.js";

export interface PlannedCase {
  seq: number;
  suiteId: string;
  suiteName: string;
  case: EvalCase;
  key: string;
}

export interface PlanOptions {
  strategies?: string[];
  seed?: number;
  translate?: Translate;
  /** Keep only the first n cases of each suite (before strategies), for a quick look. */
  limitPerSuite?: number;
}

export async function planRun(suites: readonly Suite[], options: PlanOptions = {}): Promise<PlannedCase[]> {
  const plan: PlannedCase[] = [];
  const seen = new Map<string, string>();
  for (const suite of suites) {
    const seeds =
      options.limitPerSuite !== undefined ? suite.cases.slice(0, options.limitPerSuite) : suite.cases;
    const strategies = options.strategies ?? [];
    const cases =
      strategies.length === 0
        ? seeds
        : await applyStrategiesAsync(seeds, strategies, {
            seed: options.seed ?? 0,
            ...(options.translate ? { translate: options.translate } : {}),
          });
    for (const c of cases) {
      const key = resultKey(suite.id, c.id, c.strategy);
      const prior = seen.get(key);
      if (prior !== undefined)
        throw new Error(
          `case "${c.id}"${c.strategy ? ` (strategy ${c.strategy})` : ""} appears twice in suite "${suite.name}"${prior !== suite.name ? ` and "${prior}"` : ""}; case ids must be unique`,
        );
      seen.set(key, suite.name);
      plan.push({ seq: plan.length, suiteId: suite.id, suiteName: suite.name, case: c, key });
    }
  }
  return plan;
}

/** The suites as run: each suite's cases replaced by its planned cases (strategy variants included). */
export function plannedSuites(suites: readonly Suite[], plan: readonly PlannedCase[]): Suite[] {
  return suites.map((s) => ({ ...s, cases: plan.filter((p) => p.suiteId === s.id).map((p) => p.case) }));
}
