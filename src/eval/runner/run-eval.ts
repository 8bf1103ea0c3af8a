/**
 * runEval: plans the cases (suites × strategies), runs them against the target with bounded
 * concurrency, judges each, and stores each result the moment it is judged. With a store the run is
 * resumable: `resumeRunId` skips every case that run already finished (errors are tried again) — after a
 * crash, a kill -9 or a Ctrl-C.
 *
 * When the target recorded the guard's scores (a traced guard or stack target), the threshold sweep is
 * computed from them at the end and kept with the run (RunSummary.sweep, and in the store).
 *
 * A target that cannot be reached at all should not cost one timeout per case: when the first results
 * are all connection or authentication failures, the run stops and throws EvalAbortedError with the
 * first message; it stays resumable.
 */
import { setMaxListeners } from "node:events";
import { ProviderError } from "../../providers/types.js";
import type { Translate } from "../attacks/index.js";
import type { JudgeOptions } from "../judges/judge-case.js";
import type { EvalStore } from "../store/eval-store.js";
import { newRunId } from "../store/run-id.js";
import { thresholdSweep } from "../sweep/compute.js";
import type { EvalTarget } from "../targets/types.js";
import type { CaseResult, RunSummary, Suite } from "../types.js";
import { runCase } from "./case-result.js";
import { planRun, type PlannedCase } from "./plan.js";
import { runPool } from "./pool.js";

export interface EvalProgress {
  /** Cases finished, including those a resumed run had already finished. */
  done: number;
  total: number;
  errors: number;
  /** Cases this invocation ran per second. */
  ratePerSecond: number;
  /** Seconds left at the current rate (NaN before the first result). */
  etaSeconds: number;
  last?: CaseResult;
}

export interface RunEvalOptions {
  suites: Suite[];
  target: EvalTarget;
  /** Attack strategy names (see eval/attacks); none by default. */
  strategies?: string[];
  seed?: number;
  /** For strategies that translate (a provider-backed translator). */
  translate?: Translate;
  /** Keep only the first n cases of each suite. */
  limitPerSuite?: number;
  /** Cases in flight at once (default 8). */
  concurrency?: number;
  /** Where results go; without one they are kept in memory only. */
  store?: EvalStore;
  /** Resume this stored run: same suites, strategies and seed; finished cases are not run again. */
  resumeRunId?: string;
  /** Id for a new run (default: generated). */
  runId?: string;
  /** Saved with the run (how it was made), e.g. for the CLI to rebuild the target on --resume. */
  config?: Record<string, unknown>;
  judges?: JudgeOptions;
  onProgress?: (p: EvalProgress) => void;
  /** Called once the run exists in the store, before any case runs. */
  onRunCreated?: (runId: string) => void;
  /** Called with the plan (every case, strategy variants included) before any case runs. */
  onPlanned?: (plan: readonly PlannedCase[]) => void;
  signal?: AbortSignal;
}

export const DEFAULT_CONCURRENCY = 8;

/** The run stopped because the target could not be reached or refused the credentials. */
export class EvalAbortedError extends Error {
  constructor(
    message: string,
    readonly runId: string,
  ) {
    super(message);
    this.name = "EvalAbortedError";
  }
}

function isFatal(err: unknown): boolean {
  return err instanceof ProviderError && (err.kind === "unreachable" || err.kind === "auth");
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

export async function runEval(options: RunEvalOptions): Promise<RunSummary> {
  const { target, store } = options;
  if (options.resumeRunId !== undefined && !store)
    throw new Error("resuming a run needs the store it was saved in");
  const plan = await planRun(options.suites, {
    ...(options.strategies ? { strategies: options.strategies } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.translate ? { translate: options.translate } : {}),
    ...(options.limitPerSuite !== undefined ? { limitPerSuite: options.limitPerSuite } : {}),
  });
  options.onPlanned?.(plan);
  const suiteIds = [...new Set(options.suites.map((s) => s.id))];
  const startedAt = new Date().toISOString();

  let runId: string;
  let finished = new Set<string>();
  if (options.resumeRunId !== undefined && store) {
    const run = await store.getRun(options.resumeRunId);
    if (!run) throw new Error(`no run "${options.resumeRunId}" to resume in ${store.path}`);
    if (!sameSet(run.suiteIds, suiteIds))
      throw new Error(
        `run ${run.id} was made from suites ${run.suiteIds.join(", ")}, not ${suiteIds.join(", ")}; resume it with the same suites`,
      );
    if (run.totalCases !== plan.length)
      throw new Error(
        `run ${run.id} planned ${run.totalCases} cases, these options plan ${plan.length}; resume with the same strategies, seed and limits`,
      );
    runId = run.id;
    finished = await store.finishedKeys(runId);
    await store.setStatus(runId, "running");
  } else {
    runId = options.runId ?? newRunId();
    if (store)
      await store.createRun({
        id: runId,
        target: target.name,
        suiteIds,
        config: options.config ?? {},
        totalCases: plan.length,
      });
  }
  options.onRunCreated?.(runId);

  const todo = plan.filter((p) => !finished.has(p.key));
  const memory = new Map<number, CaseResult>();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const judges = options.judges ?? {};
  // Every case in flight listens on the caller's signal.
  if (options.signal) setMaxListeners(concurrency * 4 + 16, options.signal);
  const t0 = performance.now();
  let doneNow = 0;
  let errors = 0;
  let healthy = false;
  let fatal: unknown;
  const probeSize = Math.min(todo.length, Math.max(2, Math.min(concurrency, 8)));

  const work = async (p: PlannedCase) => {
    const { result, failure } = await runCase(p, target, judges, options.signal);
    // A case cut short by the caller's abort is not a result: it runs again on resume.
    if (options.signal?.aborted && result.outcome === "error") return;
    if (failure === undefined) healthy = true;
    else if (!healthy && fatal === undefined && isFatal(failure) && doneNow + 1 >= probeSize) fatal = failure;
    if (store) await store.saveResult(runId, p.seq, result);
    else memory.set(p.seq, result);
    doneNow++;
    if (result.outcome === "error") errors++;
    const elapsed = (performance.now() - t0) / 1000;
    const rate = elapsed > 0 ? doneNow / elapsed : 0;
    const remaining = todo.length - doneNow;
    options.onProgress?.({
      done: plan.length - todo.length + doneNow,
      total: plan.length,
      errors,
      ratePerSecond: rate,
      etaSeconds: rate > 0 ? remaining / rate : NaN,
      last: result,
    });
  };

  await runPool(todo, concurrency, work, () => fatal !== undefined || options.signal?.aborted === true);

  if (fatal !== undefined) {
    if (store) await store.setStatus(runId, "aborted");
    throw new EvalAbortedError(
      fatal instanceof Error ? fatal.message : "the target cannot be reached",
      runId,
    );
  }
  if (options.signal?.aborted) {
    if (store) await store.setStatus(runId, "aborted");
    throw options.signal.reason instanceof Error ? options.signal.reason : new Error("the run was aborted");
  }
  if (store) {
    // The sweep is over every result, those a resumed run finished before included.
    await store.saveSweep(runId, thresholdSweep(await store.results(runId)));
    await store.setStatus(runId, "finished");
    return store.loadRun(runId);
  }
  const results = plan.map((p) => memory.get(p.seq)).filter((r): r is CaseResult => r !== undefined);
  const sweep = thresholdSweep(results);
  return {
    runId,
    target: target.name,
    suiteIds,
    startedAt,
    finishedAt: new Date().toISOString(),
    results,
    ...(sweep ? { sweep } : {}),
  };
}
