/**
 * Finds a run by what a user types: a run id in the store, "latest" (the newest run) or "latest~N" (N
 * runs before it), or a JSON file holding a RunSummary (as `guardstack report RUN --format run` writes).
 */
import { existsSync, readFileSync } from "node:fs";
import type { RunSummary } from "../types.js";
import type { EvalStore } from "./eval-store.js";

const LATEST = /^latest(?:~(\d{1,4}))?$/;
export const PATTERNS: readonly RegExp[] = [LATEST];

export class RunRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunRefError";
  }
}

function isRunSummary(v: unknown): v is RunSummary {
  const r = v as Partial<RunSummary> | null;
  return (
    r !== null &&
    typeof r === "object" &&
    typeof r.runId === "string" &&
    typeof r.target === "string" &&
    Array.isArray(r.suiteIds) &&
    Array.isArray(r.results)
  );
}

export function readRunFile(path: string): RunSummary {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new RunRefError(`cannot read run file ${path}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (isRunSummary(value)) return value;
  if (
    value &&
    typeof value === "object" &&
    (value as { format?: unknown }).format === "guardstack-eval-report"
  )
    throw new RunRefError(
      `${path} is a JSON report (statistics only), not a run; export the run with: guardstack report RUN_ID --format run --out run.json`,
    );
  throw new RunRefError(`${path} is not a guardstack run (expected runId, target, suiteIds and results)`);
}

/** The run id a reference names in the store ("latest", "latest~2", or the id itself). */
export async function resolveRunId(ref: string, store: EvalStore): Promise<string> {
  const m = LATEST.exec(ref);
  if (m) {
    const back = Number(m[1] ?? 0);
    const runs = await store.listRuns(back + 1);
    const run = runs[back];
    if (!run)
      throw new RunRefError(
        runs.length === 0
          ? `no runs in ${store.path} yet; run guardstack eval first`
          : `only ${runs.length} run(s) in ${store.path}`,
      );
    return run.id;
  }
  if (!(await store.getRun(ref))) {
    const recent = (await store.listRuns(3)).map((r) => r.id);
    throw new RunRefError(
      `no run "${ref}" in ${store.path}${recent.length > 0 ? `; recent runs: ${recent.join(", ")}` : "; run guardstack eval first"}`,
    );
  }
  return ref;
}

export async function loadRunRef(ref: string, store: () => Promise<EvalStore>): Promise<RunSummary> {
  if (ref.endsWith(".json") || (existsSync(ref) && !ref.startsWith("run-"))) {
    if (!existsSync(ref)) throw new RunRefError(`no such run file ${ref}`);
    return readRunFile(ref);
  }
  const s = await store();
  return s.loadRun(await resolveRunId(ref, s));
}
