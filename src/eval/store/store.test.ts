import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseResult } from "../types.js";
import { EvalStore } from "./eval-store.js";
import { cachedProvider, requestKey } from "./response-cache.js";
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, MIGRATIONS } from "./migrations.js";
import { loadRunRef, readRunFile, RunFileError } from "./run-ref.js";
import type { Provider } from "../../providers/types.js";

const dir = mkdtempSync(join(tmpdir(), "guardstack-store-"));

const result = (caseId: string, outcome: CaseResult["outcome"] = "pass"): CaseResult => ({
  caseId,
  suiteId: "sha256:abc",
  category: "c",
  language: "en",
  severity: "low",
  behaviour: caseId,
  strategy: "",
  expected: "refuse",
  outcome,
  attackSucceeded: false,
  overRefused: false,
  verdicts: [],
});

describe("EvalStore", () => {
  it("migrates a new file, keeps runs and results across reopen, in plan order", async () => {
    const path = join(dir, "a", "nested", "g.db");
    const s = await EvalStore.open(path);
    const run = await s.createRun({
      target: "t",
      suiteIds: ["sha256:abc"],
      totalCases: 3,
      config: { spec: { x: 1 } },
    });
    expect(run.id).toMatch(/^run-\d{8}-\d{6}-[0-9a-f]{4}$/);
    await s.saveResult(run.id, 2, result("c2"));
    await s.saveResult(run.id, 0, result("c0", "error"));
    await s.saveResult(run.id, 1, result("c1"));
    await s.close();

    const again = await EvalStore.open(path); // migrations are not run twice
    expect((await again.results(run.id)).map((r) => r.caseId)).toEqual(["c0", "c1", "c2"]);
    expect([...(await again.finishedKeys(run.id))].map((k) => k.split("\u0000")[1])).toEqual(
      expect.arrayContaining(["c1", "c2"]),
    );
    expect((await again.finishedKeys(run.id)).size).toBe(2); // the error is retried on resume
    await again.saveResult(run.id, 0, result("c0"));
    expect(await again.countResults(run.id)).toBe(3);
    await again.setStatus(run.id, "finished");
    const loaded = await again.loadRun(run.id);
    expect(loaded).toMatchObject({ runId: run.id, target: "t", suiteIds: ["sha256:abc"] });
    expect(loaded.finishedAt).toBeDefined();
    expect((await again.getRun(run.id))?.config).toEqual({ spec: { x: 1 } });
    await again.close();
  });

  it("resolves latest, latest~N and run files, with clear errors", async () => {
    const s = await EvalStore.open(join(dir, "refs.db"));
    const a = await s.createRun({ id: "run-20250101-000000-aaaa", target: "t", suiteIds: [], totalCases: 0 });
    await new Promise((r) => setTimeout(r, 5));
    const b = await s.createRun({ id: "run-20250101-000001-bbbb", target: "t", suiteIds: [], totalCases: 0 });
    const open = () => Promise.resolve(s);
    expect((await loadRunRef("latest", open)).runId).toBe(b.id);
    expect((await loadRunRef("latest~1", open)).runId).toBe(a.id);
    expect((await loadRunRef("previous", open)).runId).toBe(a.id);
    await expect(loadRunRef("latest~5", open)).rejects.toThrow(/only 2 run/);
    await expect(loadRunRef("run-x", open)).rejects.toThrow(
      /no run "run-x" .*recent runs: run-20250101-000001-bbbb/,
    );
    await s.close();
    expect(() => readRunFile(join(dir, "missing.json"))).toThrow(RunFileError);
    await expect(loadRunRef(join(dir, "missing.json"), open)).rejects.toThrow(
      /^no such file .*missing\.json/,
    );
  });

  it("migrates a store made before the sweep column and keeps its runs; stores a sweep with a run", async () => {
    const path = join(dir, "old.db");
    // A database as the first version of the store left it: only the initial migration ran.
    const sqlite = new Database(path);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve({ "0001_initial": MIGRATIONS["0001_initial"]! }) },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    }).migrateToLatest();
    expect(error).toBeUndefined();
    sqlite
      .prepare(
        "INSERT INTO eval_runs (id, target, suite_ids, config, status, total_cases, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run("run-old", "t", '["sha256:abc"]', "{}", "finished", 1, "2025-01-01T00:00:00.000Z", null);
    await db.destroy();

    const s = await EvalStore.open(path);
    await s.saveResult("run-old", 0, result("c0"));
    const old = await s.loadRun("run-old");
    expect(old).toMatchObject({ runId: "run-old", suiteIds: ["sha256:abc"] });
    expect(old.sweep).toBeUndefined();
    const sweep = {
      parameter: "classifier-threshold-scale" as const,
      operating: 1,
      points: [{ threshold: 1, asr: 0.5, overRefusal: 0.1 }],
      cases: 1,
      leftOut: 0,
    };
    await s.saveSweep("run-old", sweep);
    expect((await s.loadRun("run-old")).sweep).toEqual(sweep);
    await s.close();
  });

  it("caches provider responses by conversation and settings", async () => {
    const s = await EvalStore.open(":memory:");
    let calls = 0;
    const p: Provider = {
      name: "fake",
      complete: (req) => {
        calls++;
        return Promise.resolve({
          text: `answer ${req.messages.length}`,
          toolCalls: [],
          finishReason: "stop",
        });
      },
      stream: () => {
        throw new Error("unused");
      },
    };
    const c = cachedProvider(p, s);
    const req = { messages: [{ role: "user" as const, content: "hi" }], temperature: 0 };
    await c.complete(req);
    expect(await c.complete(req)).toEqual({ text: "answer 1", toolCalls: [], finishReason: "stop" });
    expect(calls).toBe(1);
    await c.complete({ ...req, temperature: 1 });
    expect(calls).toBe(2);
    expect(requestKey(req)).not.toBe(requestKey({ ...req, tools: [{ name: "t" }] }));
    expect(c.stats).toEqual({ hits: 1, misses: 2 });
    expect(await s.cacheSize("fake")).toBe(2);
    await s.close();
  });
});
