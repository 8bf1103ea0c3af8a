/**
 * Finds a run by what a user types: "latest" (the newest run in the store), "latest~N" (N runs before
 * it), "previous" (latest~1), a path to a JSON report or run file (see run-file.ts), or a run id.
 * A keyword always means the store; otherwise an existing file is read as a file.
 */
import { statSync } from "node:fs";
import type { RunSummary } from "../types.js";
import type { EvalStore } from "./eval-store.js";
import { readRunFile, RunFileError } from "./run-file.js";

const LATEST = /^latest(?:~(\d{1,4}))?$/;
export const PATTERNS: readonly RegExp[] = [LATEST];

export class RunRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunRefError";
  }
}

export { readRunFile, RunFileError };

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** How many runs back a store keyword goes ("latest" 0, "latest~2" 2, "previous" 1); undefined for other refs. */
function runsBack(ref: string): number | undefined {
  if (ref === "previous") return 1;
  const m = LATEST.exec(ref);
  return m ? Number(m[1] ?? 0) : undefined;
}

/** The run id a reference names in the store ("latest", "latest~2", or the id itself). */
export async function resolveRunId(ref: string, store: EvalStore): Promise<string> {
  const back = runsBack(ref);
  if (back !== undefined) {
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
  if (runsBack(ref) === undefined) {
    if (isFile(ref)) return readRunFile(ref);
    if (/\.json$/i.test(ref) || ref.includes("/") || ref.includes("\\"))
      throw new RunRefError(
        `no such file ${ref} (nor a run id: give a run id, latest, previous, or a JSON report file)`,
      );
  }
  const s = await store();
  return s.loadRun(await resolveRunId(ref, s));
}
