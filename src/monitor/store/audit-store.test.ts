import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { EvalStore } from "../../eval/store/eval-store.js";
import { IncidentStore } from "../incidents/incident-store.js";
import { makeEvent } from "../testing/events.js";
import { sqliteTarget, testTargets } from "../testing/targets.js";
import { AuditStore } from "./audit-store.js";
import { openMonitorDb } from "./connect.js";

const DAY = 86_400_000;

describe.each(testTargets())("audit store on $name", (target) => {
  afterAll(() => target.cleanup());

  it("stores events and reads them back field for field, newest first", async () => {
    const store = new AuditStore(await target.open());
    const t0 = Date.parse("2026-03-01T10:00:00Z");
    const a = makeEvent({
      time: t0,
      userId: "u1",
      sessionId: "s1",
      keyId: "k1",
      action: "block",
      categories: { "violent-crimes": 0.93, pii: 0.4 },
      reasons: [{ detector: "harm-classifier", category: "violent-crimes", score: 0.93, label: "weapons" }],
      text: "how do I [REDACTED]",
      rawText: "how do I raw",
      textTruncated: true,
      textChars: 99,
      latencyMs: 1.25,
      failures: 2,
    });
    const b = makeEvent({ time: t0 + 1000, userId: "u2" });
    await store.insert([a, b]);
    expect(await store.get(a.id)).toEqual(a);
    expect((await store.query()).map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await store.query({ order: "asc", limit: 1 })).map((e) => e.id)).toEqual([a.id]);
    expect(await store.count({ userId: "u1" })).toBe(1);
    expect(await store.count({ category: "violent-crimes" })).toBe(1);
    // a category seen under threshold is stored but is not a reason
    expect(await store.count({ category: "pii" })).toBe(0);
    expect(await store.count({ since: t0 + 1, until: t0 + 1001 })).toBe(1);
    expect(await store.count({ action: "block", stage: "input" })).toBe(1);
    expect(await store.count({ ids: [] })).toBe(0);
    await store.close();
  });

  it("is idempotent on the event id, so a retried batch is never stored twice", async () => {
    const store = new AuditStore(await target.open());
    const events = Array.from({ length: 1200 }, (_, i) =>
      makeEvent({
        time: 1_000 + i,
        categories: { hate: 0.9 },
        reasons: [{ detector: "x", category: "hate", score: 0.9 }],
      }),
    );
    await store.insert(events);
    await store.insert(events.slice(0, 700));
    expect(await store.count()).toBe(1200);
    expect(await store.count({ category: "hate" })).toBe(1200);
    await store.close();
  });

  it("keeps text containing NUL and lone surrogates (Postgres would reject a raw NUL)", async () => {
    const store = new AuditStore(await target.open());
    const e = makeEvent({ text: "a\u0000b \ud800 c", userId: "u\u0000" });
    await store.insert([e]);
    const got = await store.get(e.id);
    expect(got?.text.startsWith("a\uFFFDb ")).toBe(true);
    expect(got?.userId).toBe("u\uFFFD");
    await store.close();
  });

  it("prunes by age in chunks, sparing events of unresolved incidents", async () => {
    const mdb = await target.open();
    const store = new AuditStore(mdb);
    const incidents = new IncidentStore(mdb);
    const now = Date.parse("2026-03-31T00:00:00Z");
    const old = Array.from({ length: 5003 }, (_, i) =>
      makeEvent({ time: now - 40 * DAY + i, categories: { hate: 1 } }),
    );
    const fresh = makeEvent({ time: now - DAY });
    await store.insert([...old, fresh]);
    const keptOld = old[0]!;
    const resolvedOld = old[1]!;
    await incidents.openOrAdd({
      key: "k-open",
      rule: "test",
      title: "t",
      severity: "low",
      details: {},
      eventIds: [keptOld.id],
    });
    const { incident } = await incidents.openOrAdd({
      key: "k-done",
      rule: "test",
      title: "t",
      severity: "low",
      details: {},
      eventIds: [resolvedOld.id],
    });
    await incidents.resolve(incident.id, { actor: "alice" });
    expect(await store.pruneOlderThanDays(30, now)).toBe(5002);
    expect(await store.count()).toBe(2);
    expect(await store.get(keptOld.id)).toBeDefined();
    expect(await store.get(resolvedOld.id)).toBeUndefined();
    const cats = await mdb.db
      .selectFrom("audit_event_categories")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(cats?.n)).toBe(1);
    await store.close();
  });

  it("keeps one random salt per database, across reopening", async () => {
    const store = new AuditStore(await target.open());
    const salt = await store.salt();
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    await store.close();
    const again = new AuditStore(await target.reopen());
    expect(await again.salt()).toBe(salt);
    await again.close();
    const other = new AuditStore(await target.open());
    expect(await other.salt()).not.toBe(salt);
    await other.close();
  });

  it("counts reasons per category before and after a split time", async () => {
    const store = new AuditStore(await target.open());
    const r = (t: number, c: string) =>
      makeEvent({ time: t, categories: { [c]: 1 }, reasons: [{ detector: "d", category: c, score: 1 }] });
    await store.insert([
      r(100, "hate"),
      r(150, "hate"),
      r(250, "hate"),
      r(260, "privacy"),
      makeEvent({ time: 270, categories: { hate: 0.2 } }),
    ]);
    const counts = await store.reasonCounts(0, 200, 300);
    expect(counts.sort((a, b) => a.category.localeCompare(b.category))).toEqual([
      { category: "hate", before: 2, after: 1 },
      { category: "privacy", before: 0, after: 1 },
    ]);
    expect(await store.earliestTime()).toBe(100);
    await store.close();
  });
});

describe("one database file for the eval and audit stores", () => {
  const target = sqliteTarget();
  afterAll(() => target.cleanup());

  it("migrates both in one file, each with its own history, in either order", async () => {
    const mdb = await target.open();
    const file = mdb.location;
    await mdb.close();
    const evalStore = await EvalStore.open(file);
    await evalStore.createRun({ target: "guard", suiteIds: ["s"], totalCases: 1 });
    await evalStore.close();
    const again = await openMonitorDb(file);
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' order by name`.execute(again.db);
    const names = tables.rows.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "audit_events",
        "eval_runs",
        "incidents",
        "review_escalations",
        "monitor_kysely_migration",
        "eval_kysely_migration",
      ]),
    );
    const mine = await sql<{ name: string }>`select name from monitor_kysely_migration order by name`.execute(
      again.db,
    );
    expect(mine.rows.map((r) => r.name)).toEqual(["0001_audit", "0002_incidents", "0003_review"]);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(again.db);
    expect(journal.rows[0]?.journal_mode).toBe("wal");
    await again.close();
    const evalAgain = await EvalStore.open(file);
    expect(await evalAgain.listRuns()).toHaveLength(1);
    await evalAgain.close();
  });
});

describe("connection errors", () => {
  it("says in one line that an unreachable Postgres cannot be reached, without the password", async () => {
    const err = await openMonitorDb("postgres://alice:s3cret@127.0.0.1:1/guard", {
      connectTimeoutMs: 2000,
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /^cannot connect to postgres at postgres:\/\/alice:\*\*\*@127\.0\.0\.1:1\/guard: .*ECONNREFUSED.*; check the URL$/,
    );
    expect(err?.message).not.toContain("s3cret");
    expect(err?.message.split("\n")).toHaveLength(1);
  });

  it("names the file when SQLite cannot open it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gs-monitor-"));
    const file = join(dir, "plain-file");
    writeFileSync(file, "not a folder");
    try {
      // a path through a regular file: the folder cannot be made
      await expect(openMonitorDb(join(file, "guardstack.db"))).rejects.toThrow(
        /ENOTDIR|EEXIST|cannot open the audit database/,
      );
      // a file that is not a database
      await expect(openMonitorDb(file)).rejects.toThrow(/not a database|file is not a database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
