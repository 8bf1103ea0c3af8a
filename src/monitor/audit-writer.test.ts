import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createGuard, type Guard } from "../guard/create-guard.js";
import { AuditWriter, isDataError, type AuditSink } from "./audit-writer.js";
import { AuditStore } from "./store/audit-store.js";
import { openMonitorDb } from "./store/connect.js";
import { faultyDialect, FaultSwitch } from "./testing/faulty-dialect.js";
import { makeDecision } from "./testing/events.js";
import { postgresUrl, freshSchemaName, dropSchema } from "./testing/postgres.js";
import { sqliteTarget } from "./testing/targets.js";
import { TcpProxy } from "./testing/tcp-proxy.js";
import { withAudit } from "./with-audit.js";
import type { AuditEvent } from "./types.js";

const target = sqliteTarget();
afterAll(() => target.cleanup());

// Fake values: a documentation e-mail domain and a made-up GitHub-token-shaped key.
const KEY = "ghp_R2d2C3poBb8kX9mQw7TzLp4Nv6Hs1Jy0Ke3F";
const SENSITIVE = `Mail jane.roe@example.com, key ${KEY}, about the order`;

let guard: Guard;
beforeAll(async () => {
  guard = await createGuard();
});

function countingSink(store: AuditStore): AuditSink & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    insert(events) {
      calls.push(events.length);
      return store.insert(events);
    },
    salt: () => store.salt(),
  };
}

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("AuditWriter", () => {
  it("writes in batches, one transaction each, and acknowledges every committed event", async () => {
    const store = new AuditStore(await target.open());
    const sink = countingSink(store);
    const writer = new AuditWriter({ store: sink, batchSize: 50, flushIntervalMs: 10_000 });
    const committed: string[] = [];
    writer.onCommit((events) => committed.push(...events.map((e) => e.id)));
    const ids: string[] = [];
    for (let i = 0; i < 230; i++)
      ids.push(writer.record({ decision: makeDecision(), text: `hello ${i}` }) as string);
    await writer.flush();
    expect(sink.calls).toEqual([50, 50, 50, 50, 30]);
    expect(committed).toEqual(ids);
    expect(await store.count()).toBe(230);
    // oldest first = record order (ids are time-ordered)
    expect((await store.query({ order: "asc", limit: 230 })).map((e) => e.text)).toEqual(
      ids.map((_, i) => `hello ${i}`),
    );
    expect(writer.stats()).toMatchObject({
      recorded: 230,
      written: 230,
      queued: 0,
      dropped: 0,
      batches: 5,
      storeUp: true,
    });
    await store.close();
  });

  it("writes a partial batch after the flush interval without being asked", async () => {
    const store = new AuditStore(await target.open());
    const writer = new AuditWriter({ store, batchSize: 100, flushIntervalMs: 30 });
    writer.record({ decision: makeDecision(), text: "a" });
    writer.record({ decision: makeDecision(), text: "b" });
    expect(await store.count()).toBe(0);
    await waitFor(async () => (await store.count()) === 2, 2000);
    await store.close();
  });

  it("records in about a microsecond per event, and never touches the store on the caller's path", async () => {
    let inserts = 0;
    const sink: AuditSink = {
      insert: () => {
        inserts++;
        return Promise.resolve();
      },
      salt: () => Promise.resolve("s"),
    };
    const writer = new AuditWriter({ store: sink, maxQueue: 200_000, batchSize: 500 });
    const decision = makeDecision();
    const t0 = performance.now();
    for (let i = 0; i < 20_000; i++) writer.record({ decision, text: "x" });
    const perEventUs = ((performance.now() - t0) * 1000) / 20_000;
    expect(inserts).toBe(0);
    expect(perEventUs).toBeLessThan(25); // ~1 µs here; generous for a loaded machine
    await writer.flush();
    expect(inserts).toBe(40);
  });

  it("stores redacted text and a salted hash, never the raw text unless asked", async () => {
    const mdb = await target.open();
    const store = new AuditStore(mdb);
    const writer = new AuditWriter({ store });
    const audited = withAudit(guard, writer, { userId: "u-1" });
    const decision = await audited.checkInput(SENSITIVE, { sessionId: "s-1" });
    const rawWriter = new AuditWriter({ store });
    const raw = withAudit(guard, rawWriter, { settings: { storeRawText: true } });
    await raw.checkInput(SENSITIVE);
    await writer.flush();
    await rawWriter.flush();
    const [withRaw, redacted] = await store.query({ limit: 2 });
    expect(redacted!.text).not.toContain("jane.roe");
    expect(redacted!.text).not.toContain(KEY);
    expect(redacted!.text).toMatch(/^Mail \[EMAIL_1\], key \[[A-Z_]+_1\], about the order$/);
    expect(redacted!.rawText).toBeUndefined();
    expect(redacted).toMatchObject({
      userId: "u-1",
      sessionId: "s-1",
      action: decision.action,
      stage: "input",
      textChars: SENSITIVE.length,
    });
    expect(withRaw!.rawText).toBe(SENSITIVE);
    expect(withRaw!.textHash).toBe(redacted!.textHash); // same text, same database: same hash
    expect(redacted!.textHash).toMatch(/^[0-9a-f]{32}$/);
    // Nothing raw anywhere in the redacted row.
    const row = await mdb.db
      .selectFrom("audit_events")
      .selectAll()
      .where("id", "=", redacted!.id)
      .executeTakeFirst();
    expect(JSON.stringify(row)).not.toMatch(/jane\.roe|ghp_R2d2/);
    await store.close();
  });

  it("redacts even when the policy turned the pii and secrets detectors off", async () => {
    const blind = await createGuard({
      policy: { extends: "default", detectors: { disabled: ["pii", "secrets"] } },
    });
    const store = new AuditStore(await target.open());
    const writer = new AuditWriter({ store });
    const decision = await withAudit(blind, writer).checkInput(SENSITIVE);
    expect(decision.findings.some((f) => f.category === "pii")).toBe(false);
    await writer.flush();
    const [e] = await store.query();
    expect(e!.text).toMatch(/^Mail \[EMAIL_1\], key \[[A-Z_]+_1\], about the order$/);
    await store.close();
  });

  it("cuts long texts to maxStoredChars and still redacts what it keeps", async () => {
    const store = new AuditStore(await target.open());
    const writer = new AuditWriter({ store });
    const long = `${SENSITIVE} ${"lorem ipsum ".repeat(2000)}`;
    await withAudit(guard, writer, { settings: { maxStoredChars: 100 } }).checkInput(long);
    await writer.flush();
    const [e] = await store.query();
    expect(e!.textTruncated).toBe(true);
    expect(e!.textChars).toBe(long.length);
    expect(e!.text.length).toBeLessThanOrEqual(100);
    expect(e!.text).not.toContain("jane.roe");
    await store.close();
  });

  it("keeps deciding through a lost connection: buffers to the bound, counts drops, resumes", async () => {
    const fault = new FaultSwitch();
    const store = new AuditStore(await target.open({ wrapDialect: (d) => faultyDialect(d, fault) }));
    const downs: string[] = [];
    let ups = 0;
    const writer = new AuditWriter({
      store,
      maxQueue: 100,
      batchSize: 40,
      flushIntervalMs: 5,
      retryMinMs: 10,
      retryMaxMs: 40,
      onStoreDown: (err) => downs.push((err as Error).message),
      onStoreUp: () => ups++,
    });
    const audited = withAudit(guard, writer);
    await audited.checkInput("warm up");
    await writer.flush();
    fault.down = true;
    const actions: string[] = [];
    for (let i = 0; i < 150; i++) {
      actions.push((await audited.checkInput(`request ${i}`)).action);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 2)); // let the writer try (and fail)
    }
    expect(actions.every((a) => a === "allow")).toBe(true);
    await waitFor(() => fault.failures >= 3);
    const down = writer.stats();
    expect(down).toMatchObject({ storeUp: false, queued: 100, dropped: 50, written: 1 });
    expect(down.storeErrors).toBeGreaterThanOrEqual(3);
    expect(down.lastError).toMatch(/connection to the database lost/);
    expect(downs).toHaveLength(1); // told once, not on every retry
    await expect(writer.flush({ timeoutMs: 50 })).rejects.toThrow(
      /100 events waiting \(store down: connection/,
    );
    fault.down = false;
    await writer.flush({ timeoutMs: 5000 });
    expect(writer.stats()).toMatchObject({ storeUp: true, queued: 0, written: 101, dropped: 50 });
    expect(ups).toBe(1);
    expect(await store.count()).toBe(101);
    await store.close();
  });

  it("survives a full disk (SQLite max_page_count) and writes the backlog once there is room", async () => {
    const mdb = await target.open();
    const store = new AuditStore(mdb);
    const writer = new AuditWriter({ store, flushIntervalMs: 5, retryMinMs: 10, retryMaxMs: 20 });
    writer.record({ decision: makeDecision(), text: "first" });
    await writer.flush();
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(mdb.db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(mdb.db);
    const big = "x".repeat(4000);
    for (let i = 0; i < 50; i++) writer.record({ decision: makeDecision(), text: `${big} ${i}` });
    await waitFor(() => writer.stats().storeErrors >= 2);
    expect(writer.stats().storeUp).toBe(false);
    expect(writer.stats().lastError).toMatch(/full/);
    await sql.raw("pragma max_page_count = 1073741823").execute(mdb.db);
    await writer.flush({ timeoutMs: 5000 });
    expect(await store.count()).toBe(51);
    expect(writer.stats()).toMatchObject({ storeUp: true, written: 51, dropped: 0 });
    await store.close();
  });

  it("isolates an event the database refuses as data; the rest of its batch is stored", async () => {
    const store = new AuditStore(await target.open());
    const sink: AuditSink = {
      insert(events: readonly AuditEvent[]) {
        if (events.some((e) => e.text === "poison"))
          return Promise.reject(Object.assign(new Error("value too long for type"), { code: "22001" }));
        return store.insert(events);
      },
      salt: () => store.salt(),
    };
    const writer = new AuditWriter({ store: sink, batchSize: 10 });
    for (const t of ["a", "b", "poison", "c"]) writer.record({ decision: makeDecision(), text: t });
    await writer.flush();
    expect(writer.stats()).toMatchObject({ written: 3, rejected: 1, queued: 0, storeUp: true });
    expect((await store.query({ order: "asc" })).map((e) => e.text)).toEqual(["a", "b", "c"]);
    await store.close();
  });

  it("tells data errors from outages by the driver's code", () => {
    expect(isDataError(Object.assign(new Error(), { code: "23505" }))).toBe(true);
    expect(isDataError(Object.assign(new Error(), { code: "22P05" }))).toBe(true);
    expect(isDataError(Object.assign(new Error(), { code: "SQLITE_CONSTRAINT_PRIMARYKEY" }))).toBe(true);
    expect(isDataError(Object.assign(new Error(), { code: "SQLITE_FULL" }))).toBe(false);
    expect(isDataError(Object.assign(new Error(), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isDataError(Object.assign(new Error(), { code: "57P01" }))).toBe(false);
    expect(isDataError(new Error("no code"))).toBe(false);
  });

  it("close() writes what is queued, then refuses and counts new events", async () => {
    const store = new AuditStore(await target.open());
    const writer = new AuditWriter({ store, flushIntervalMs: 60_000 });
    writer.record({ decision: makeDecision(), text: "a" });
    const stats = await writer.close();
    expect(stats).toMatchObject({ written: 1, queued: 0 });
    expect(writer.record({ decision: makeDecision(), text: "late" })).toBeUndefined();
    expect(writer.stats().dropped).toBe(1);
    expect(await store.count()).toBe(1);
    await store.close();
  });
});

describe("withAudit", () => {
  it("decides exactly as the guard it wraps and records who asked", async () => {
    const store = new AuditStore(await target.open());
    const writer = new AuditWriter({ store });
    const audited = withAudit(guard, writer, { keyId: "default-key", stages: ["input"] });
    const text = "hello \u{E0041}\u{E0042}\u{E0043} world"; // tag characters: blocked as obfuscation
    const plain = await guard.checkInput(text);
    const d = await audited.checkInput(text, { userId: "alice", sessionId: "s9", keyId: "k-42" });
    expect(d.action).toBe("block");
    expect(d.action).toBe(plain.action);
    expect(d.reasons.map((r) => r.category)).toEqual(plain.reasons.map((r) => r.category));
    await audited.checkOutput("not audited: output is not among the stages");
    await audited.check("input", "second");
    await writer.flush();
    const events = await store.query({ order: "asc" });
    expect(events.map((e) => [e.userId, e.sessionId, e.keyId])).toEqual([
      ["alice", "s9", "k-42"],
      [undefined, undefined, "default-key"],
    ]);
    expect(events[0]!.action).toBe(plain.action);
    expect(events[0]!.reasons.map((r) => r.category)).toEqual(plain.reasons.map((r) => r.category));
    expect(events[0]!.policy).toEqual({ name: guard.policy.name, version: guard.policyVersion });
    await store.close();
  });

  it("never lets the audit trail fail a check", async () => {
    const broken = {
      record: () => {
        throw new Error("boom");
      },
    } as unknown as AuditWriter;
    const d = await withAudit(guard, broken).checkInput("hello");
    expect(d.action).toBe("allow");
  });
});

const pgUrl = postgresUrl();
describe.skipIf(!pgUrl)("AuditWriter on Postgres through a connection that is cut and restored", () => {
  it("buffers while the server is unreachable and writes everything after it returns", async () => {
    const url = new URL(pgUrl as string);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    const port = await proxy.start();
    const viaProxy = new URL(pgUrl as string);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(port);
    const schema = freshSchemaName();
    const store = new AuditStore(
      await openMonitorDb(viaProxy.toString(), { schema, connectTimeoutMs: 1000 }),
    );
    try {
      const writer = new AuditWriter({ store, flushIntervalMs: 5, retryMinMs: 20, retryMaxMs: 100 });
      const audited = withAudit(guard, writer);
      await audited.checkInput("before");
      await writer.flush();
      await proxy.cut();
      for (let i = 0; i < 30; i++) await audited.checkInput(`during ${i}`);
      await waitFor(() => writer.stats().storeErrors >= 2, 10_000);
      expect(writer.stats()).toMatchObject({ storeUp: false, queued: 30 });
      await proxy.restore();
      await writer.flush({ timeoutMs: 10_000 });
      expect(writer.stats()).toMatchObject({ storeUp: true, written: 31, dropped: 0 });
      expect(await store.count()).toBe(31);
    } finally {
      await store.close();
      await proxy.cut();
      await dropSchema(pgUrl as string, schema);
    }
  });
});
