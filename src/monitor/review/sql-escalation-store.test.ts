import { afterAll, describe, expect, it } from "vitest";
import { EscalationQueue, TIMEOUT_ACTOR, summarizeDecision } from "../../guard/escalation/index.js";
import { makeDecision } from "../testing/events.js";
import { testTargets } from "../testing/targets.js";
import { SqlEscalationStore } from "./sql-escalation-store.js";

const decision = makeDecision({
  category: "violent-crimes",
  score: 0.71,
  action: "escalate",
  stage: "output",
});
const item = {
  stage: "output" as const,
  text: "[EMAIL_1] asked about …",
  decision,
  userId: "u1",
  sessionId: "s1",
};

describe.each(testTargets())("review queue on $name", (target) => {
  afterAll(() => target.cleanup());

  it("holds an item until a reviewer decides; the decision and its trail are stored", async () => {
    const mdb = await target.open();
    const clock = { now: Date.parse("2026-01-02T03:04:05.000Z") };
    const q = new EscalationQueue({
      store: new SqlEscalationStore(mdb),
      clock: () => clock.now,
      config: { pollIntervalMs: 10 },
    });
    const id = await q.enqueue(item);
    expect(await q.get(id)).toMatchObject({
      status: "pending",
      userId: "u1",
      sessionId: "s1",
      flagged: false,
      text: item.text,
      decision: summarizeDecision(decision),
    });
    const waiting = q.waitForReview(id, 10_000);
    clock.now += 42_000;
    await q.approve(id, { reviewer: "alice", note: "historical question" });
    expect(await waiting).toMatchObject({
      status: "approved",
      release: true,
      reviewer: "alice",
      timedOut: false,
    });
    const history = await q.history(id);
    expect(history.map((e) => [e.action, e.actor, e.fromStatus, e.toStatus, e.at, e.note])).toEqual([
      ["enqueued", "guard", null, "pending", "2026-01-02T03:04:05.000Z", null],
      ["approved", "alice", "pending", "approved", "2026-01-02T03:04:47.000Z", "historical question"],
    ]);
    await mdb.close();
  });

  // Two connections stand for two processes. SQLite in one process must share one connection: two
  // better-sqlite3 connections in one thread wait on each other's locks synchronously (busy_timeout).
  it("lets exactly one of racing decisions win, through separate queues and (Postgres) connections", async () => {
    const a = await target.open();
    const b = target.name === "postgres" ? await target.reopen() : a;
    const qa = new EscalationQueue({ store: new SqlEscalationStore(a) });
    const qb = new EscalationQueue({ store: new SqlEscalationStore(b) });
    for (let round = 0; round < 5; round++) {
      const id = await qa.enqueue(item);
      const results = await Promise.allSettled([
        qa.approve(id, { reviewer: "alice" }),
        qb.deny(id, { reviewer: "bob" }),
        qb.approve(id, { reviewer: "carol" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const decided = (await qb.history(id)).filter((e) => e.action !== "enqueued");
      expect(decided).toHaveLength(1);
      expect((await qa.get(id))?.reviewer).toBe(decided[0]!.actor);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      for (const r of rejected) expect(String(r.reason)).toMatch(/is already (approved|denied)/);
    }
    await a.close();
    if (b !== a) await b.close();
  });

  it("sees a review made through another queue (and connection) while waiting", async () => {
    const a = await target.open();
    const b = target.name === "postgres" ? await target.reopen() : a;
    const here = new EscalationQueue({ store: new SqlEscalationStore(a), config: { pollIntervalMs: 10 } });
    const there = new EscalationQueue({ store: new SqlEscalationStore(b) });
    const id = await here.enqueue(item);
    const waiting = here.waitForReview(id, 5000);
    await there.deny(id, { reviewer: "dana", note: "operational detail" });
    expect(await waiting).toMatchObject({
      status: "denied",
      release: false,
      reviewer: "dana",
      timedOut: false,
    });
    await a.close();
    if (b !== a) await b.close();
  });

  it("applies the timeout policy, lists oldest first with paging, and keeps NUL-free text", async () => {
    const mdb = await target.open();
    const clock = { now: Date.parse("2026-01-02T00:00:00.000Z") };
    const q = new EscalationQueue({
      store: new SqlEscalationStore(mdb),
      clock: () => clock.now,
      config: { timeoutMs: 60_000 },
    });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await q.enqueue({ ...item, userId: `u${i}`, text: `t\u0000${i}` }));
    await q.deny(ids[1]!, { reviewer: "x" });
    expect((await q.list({ status: "pending", limit: 2, offset: 1 })).map((i) => i.userId)).toEqual([
      "u2",
      "u3",
    ]);
    expect((await q.list()).map((i) => i.userId)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
    expect((await q.get(ids[0]!))?.text).toBe("t\uFFFD0");
    clock.now += 60_000;
    expect(await q.expireOverdue()).toBe(4);
    const timedOut = await q.get(ids[0]!);
    expect(timedOut).toMatchObject({ status: "denied", reviewer: TIMEOUT_ACTOR });
    await mdb.close();
  });
});
