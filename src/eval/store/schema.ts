/**
 * The tables of the evaluation store (SQLite via Kysely). Names carry an `eval_` prefix so the store can
 * share one database file with other parts of guardstack (the audit store) without colliding.
 */
import type { Generated } from "kysely";

export interface EvalRunsTable {
  id: string;
  target: string;
  /** JSON array of suite ids. */
  suite_ids: string;
  /** JSON object: how the run was made (suite specs, strategies, seed, target spec), for resuming. */
  config: string;
  status: "running" | "finished" | "aborted";
  total_cases: number;
  started_at: string;
  finished_at: string | null;
  /** JSON of the run's threshold sweep (RunSweep); null when it has none. Added by migration 0002. */
  sweep: string | null;
}

export interface EvalCaseResultsTable {
  run_id: string;
  suite_id: string;
  case_id: string;
  /** "" for seed cases (no attack strategy). */
  strategy: string;
  /** Order of the case in the run's plan, so results read back in the order they were planned. */
  seq: number;
  outcome: "pass" | "fail" | "error";
  /** JSON of the CaseResult. */
  result: string;
  created_at: string;
}

export interface EvalResponseCacheTable {
  target: string;
  key: string;
  /** JSON of the cached response. */
  response: string;
  created_at: string;
  hits: Generated<number>;
}

export interface EvalDatabase {
  eval_runs: EvalRunsTable;
  eval_case_results: EvalCaseResultsTable;
  eval_response_cache: EvalResponseCacheTable;
}
