/** Runs read back from the files guardstack writes: JSON reports (from version 2) and run files. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../guard/create-guard.js";
import { compareRuns, IncomparableRunsError } from "../compare/index.js";
import { writeReport } from "../report/write.js";
import { writeRunFile } from "../runner/reports.js";
import { runEval } from "../runner/run-eval.js";
import { summarize } from "../stats/summarize.js";
import { builtinSuite } from "../suites/index.js";
import { builtinRecordings } from "../targets/builtin-recordings.js";
import { guardTarget } from "../targets/guard-target.js";
import type { RunSummary } from "../types.js";
import { readRunFile, RunFileError } from "./run-file.js";
import { loadRunRef } from "./run-ref.js";

const dir = mkdtempSync(join(tmpdir(), "guardstack-run-file-"));
const noStore = () => Promise.reject(new Error("the store should not be opened for a file"));

async function run(policy: string, suite = "injection"): Promise<RunSummary> {
  return runEval({
    suites: [builtinSuite(suite)],
    target: guardTarget({ guard: await createGuard({ policy }), recorded: builtinRecordings, trace: true }),
  });
}

describe("runs from files", () => {
  it("reads a JSON report back as its run, with every result and the sweep, and compares two of them", async () => {
    const baseline = await run("default");
    const candidate = await run("strict");
    const a = join(dir, "baseline.json");
    const b = join(dir, "candidate.json");
    await writeReport({ run: baseline }, a, "json");
    await writeReport({ run: candidate }, b);
    const back = await loadRunRef(b, noStore);
    expect(back.runId).toBe(candidate.runId);
    expect(back.suiteIds).toEqual(candidate.suiteIds);
    expect(back.results).toEqual(candidate.results);
    expect(back.sweep).toEqual(candidate.sweep);
    expect(back.sweep).toBeDefined();
    const fromFiles = compareRuns(readRunFile(a), back);
    const inMemory = compareRuns(baseline, candidate);
    expect(fromFiles.overall).toEqual(inMemory.overall);
    expect(fromFiles.paired).toBe(36);
    // strict stops the injections the default guard lets through.
    expect(fromFiles.overall.find((m) => m.metric === "asr")!.verdict).toBe("improvement");
    expect(summarize(back).asr.rate).toBeLessThan(summarize(readRunFile(a)).asr.rate);
  }, 60_000);

  it("still reads run files", async () => {
    const r = await run("default");
    const path = join(dir, "run.json");
    await writeRunFile(r, path);
    expect((await loadRunRef(path, noStore)).results).toEqual(r.results);
  }, 60_000);

  it("refuses runs of different suites with one line", async () => {
    const a = join(dir, "injection.json");
    const b = join(dir, "privacy.json");
    await writeReport({ run: await run("default") }, a, "json");
    await writeReport({ run: await run("default", "privacy") }, b, "json");
    let err: unknown;
    try {
      compareRuns(readRunFile(a), readRunFile(b));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IncomparableRunsError);
    expect((err as Error).message).toMatch(/they ran different suites/);
    expect((err as Error).message).not.toContain("\n");
  }, 60_000);

  it("says in one line what a file is not", () => {
    const write = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const cases: Array<[string, RegExp]> = [
      [
        write(
          "v1.json",
          JSON.stringify({ format: "guardstack-eval-report", version: 1, run: { runId: "r" } }),
        ),
        /is a guardstack JSON report without case results \(version 1, statistics only\); write it again/,
      ],
      [
        write("other.json", JSON.stringify({ hello: "world" })),
        /is not a guardstack JSON report or run file/,
      ],
      [write("text.json", "not json at all"), /is not a guardstack JSON report or run file: not JSON/],
      [
        write(
          "bad-result.json",
          JSON.stringify({ runId: "r", target: "t", suiteIds: ["s"], results: [{ caseId: "x" }] }),
        ),
        /result 1 is not a guardstack case result/,
      ],
      [join(dir, "missing.json"), /^no such file /],
    ];
    for (const [path, message] of cases) {
      let err: unknown;
      try {
        readRunFile(path);
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(RunFileError);
      expect((err as Error).message, path).toMatch(message);
      expect((err as Error).message, path).not.toContain("\n");
    }
  });
});
