import { describe, expect, it } from "vitest";
import type { Decision } from "../types.js";
import { MemoryEscalationStore } from "./memory-store.js";
import { EscalationQueue, TIMEOUT_ACTOR } from "./queue.js";
import { summarizeDecision } from "./summary.js";
import { EscalationError, type EscalationStore } from "./types.js";

const decision: Decision = {
  action: "escalate",
  stage: "output",
  reasons: [{ detector: "harm-classifier", category: "violent-crimes", score: 0.71, label: "weapons" }],
  findings: [
    { detector: "harm-classifier", category: "violent-crimes", score: 0.71, label: "weapons" },
    { detector: "pii", category: "pii", score: 1, label: "email", span: [0, 9], evidence: "a…@x.org" },
  ],
  layer: "output-rail",
  latencyMs: { total: 1.2 },
  failures: [],
  exemptions: [],
  ruleActions: { "violent-crimes": "escalate" },
  policy: { name: "default", version: "abc123" },
  truncated: false,
  safeReply: "I can't help with that request.",
};

const item = {
  stage: "output" as const,
  text: "[EMAIL_1] asked about …",
  decision,
  userId: "u1",
  sessionId: "s1",
};

function queue(config: ConstructorParameters<typeof EscalationQueue>[0] = {}) {
  const clock = { now: Date.parse("2026-01-02T03:04:05.000Z") };
  return { q: new EscalationQueue({ clock: () => clock.now, ...config }), clock };
}

describe("EscalationQueue", () => {
  it("holds a response until a reviewer approves it, and records who, when and why", async () => {
    const { q, clock } = queue();
    const id = await q.enqueue(item);
    expect(await q.list({ status: "pending" })).toMatchObject([
      { id, status: "pending", stage: "output", userId: "u1", sessionId: "s1", flagged: false },
    ]);
    const waiting = q.waitForReview(id, 10_000);
    clock.now += 42_000;
    const approved = await q.approve(id, { reviewer: "alice", note: "historical question, fine" });
    expect(approved).toMatchObject({
      status: "approved",
      reviewer: "alice",
      updatedAt: "2026-01-02T03:04:47.000Z",
    });
    expect(await waiting).toEqual({
      id,
      status: "approved",
      release: true,
      flagged: false,
      timedOut: false,
      reviewer: "alice",
      note: "historical question, fine",
    });
    const history = await q.history(id);
    expect(history.map((e) => [e.action, e.actor, e.fromStatus, e.toStatus, e.at, e.note])).toEqual([
      ["enqueued", "guard", null, "pending", "2026-01-02T03:04:05.000Z", null],
      ["approved", "alice", "pending", "approved", "2026-01-02T03:04:47.000Z", "historical question, fine"],
    ]);
    expect(new Set(history.map((e) => e.id)).size).toBe(2);
    expect(await q.list({ status: "pending" })).toEqual([]);
  });

  it("withholds a denied response", async () => {
    const { q } = queue();
    const id = await q.enqueue(item);
    const waiting = q.waitForReview(id, 10_000);
    await q.deny(id, { reviewer: "bob", note: "operational detail" });
    expect(await waiting).toMatchObject({
      status: "denied",
      release: false,
      reviewer: "bob",
      timedOut: false,
    });
  });

  it("denies on timeout by default, and refuses a later decision", async () => {
    const { q } = queue();
    const id = await q.enqueue(item);
    const t0 = performance.now();
    const outcome = await q.waitForReview(id, 40);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
    expect(outcome).toMatchObject({
      status: "denied",
      release: false,
      timedOut: true,
      reviewer: TIMEOUT_ACTOR,
    });
    expect(outcome.note).toMatch(/onTimeout: deny/);
    await expect(q.approve(id, { reviewer: "alice" })).rejects.toThrow(
      new EscalationError(`escalation ${id} is already denied by system:timeout (2026-01-02T03:04:05.000Z)`),
    );
    expect((await q.history(id)).map((e) => e.action)).toEqual(["enqueued", "timed-out"]);
    // Waiting again on a decided item answers at once.
    expect(await q.waitForReview(id, 60_000)).toMatchObject({ status: "denied", timedOut: false });
  });

  it("releases flagged on timeout when configured; a reviewer can still judge it afterwards", async () => {
    const { q } = queue({ config: { onTimeout: "release-flagged" } });
    const id = await q.enqueue(item);
    const outcome = await q.waitForReview(id, 20);
    expect(outcome).toMatchObject({ status: "released", release: true, flagged: true, timedOut: true });
    expect(await q.list({ status: "released" })).toHaveLength(1);
    const judged = await q.deny(id, { reviewer: "carol", note: "should not have gone out" });
    expect(judged).toMatchObject({ status: "denied", flagged: true, reviewer: "carol" });
    expect((await q.history(id)).map((e) => `${e.action}:${e.fromStatus}->${e.toStatus}`)).toEqual([
      "enqueued:null->pending",
      "timed-out:pending->released",
      "denied:released->denied",
    ]);
  });

  it("releases at once, flagged, in mode release-flagged", async () => {
    const { q } = queue({ config: { mode: "release-flagged" } });
    const id = await q.enqueue(item);
    expect(await q.waitForReview(id, 60_000)).toMatchObject({
      status: "released",
      release: true,
      flagged: true,
    });
    const held = await q.enqueue({ ...item, mode: "hold" });
    expect((await q.get(held))?.status).toBe("pending");
  });

  it("lets exactly one of racing decisions win", async () => {
    const { q } = queue();
    const id = await q.enqueue(item);
    const waiting = q.waitForReview(id, 0);
    const results = await Promise.allSettled([
      q.approve(id, { reviewer: "alice" }),
      q.deny(id, { reviewer: "bob" }),
      waiting,
    ]);
    const decided = (await q.history(id)).filter((e) => e.action !== "enqueued");
    expect(decided).toHaveLength(1);
    const final = await q.get(id);
    const w = results[2];
    expect(w?.status).toBe("fulfilled");
    // The waiter reports whichever decision won.
    expect(w?.status === "fulfilled" && w.value.status).toBe(final?.status);
    expect(results.slice(0, 2).filter((r) => r.status === "rejected").length).toBeGreaterThanOrEqual(1);
  });

  it("resolves every waiter of an item", async () => {
    const { q } = queue();
    const id = await q.enqueue(item);
    const waits = [q.waitForReview(id, 10_000), q.waitForReview(id, 10_000)];
    await new Promise((resolve) => setTimeout(resolve, 20)); // both registered
    const t0 = performance.now();
    await q.approve(id, { reviewer: "alice" });
    expect((await Promise.all(waits)).map((o) => o.status)).toEqual(["approved", "approved"]);
    expect(performance.now() - t0).toBeLessThan(1_000); // told at once, not at the timeout
  });

  it("sees a review made by another process through a shared store", async () => {
    const backing = new MemoryEscalationStore();
    const shared: EscalationStore = Object.assign(Object.create(backing) as EscalationStore, {
      shared: true,
    });
    const here = new EscalationQueue({ store: shared, config: { pollIntervalMs: 10 } });
    const there = new EscalationQueue({ store: shared });
    const id = await here.enqueue(item);
    const waiting = here.waitForReview(id, 5_000);
    await there.approve(id, { reviewer: "dana" });
    expect(await waiting).toMatchObject({ status: "approved", reviewer: "dana", timedOut: false });
  });

  it("stores a summary of the decision, redacts text with the configured function, and validates input", async () => {
    const { q } = queue({ redact: (t) => t.replace("secret@example.org", "[EMAIL_1]") });
    const id = await q.enqueue({ ...item, text: "mail secret@example.org now" });
    const got = await q.get(id);
    expect(got?.text).toBe("mail [EMAIL_1] now");
    expect(got?.decision).toEqual(summarizeDecision(decision));
    expect(JSON.stringify(got)).not.toContain("a…@x.org"); // findings outside the reasons stay out
    expect(got?.decision.reasons).toEqual([
      { detector: "harm-classifier", category: "violent-crimes", score: 0.71, label: "weapons" },
    ]);
    await expect(q.approve(id, { reviewer: " " })).rejects.toThrow(/reviewer's name/);
    await expect(q.approve("nope", { reviewer: "a" })).rejects.toThrow(/no escalation with id nope/);
    await expect(q.history("nope")).rejects.toBeInstanceOf(EscalationError);
    await expect(q.waitForReview("nope")).rejects.toBeInstanceOf(EscalationError);
  });

  it("decides overdue items nobody waits for, by the timeout policy", async () => {
    const { q, clock } = queue({ config: { timeoutMs: 60_000 } });
    const old = await q.enqueue(item);
    clock.now += 30_000;
    const young = await q.enqueue(item);
    clock.now += 30_000;
    expect(await q.expireOverdue()).toBe(1);
    expect((await q.get(old))?.status).toBe("denied");
    expect((await q.get(young))?.status).toBe("pending");
  });

  it("lists by status with paging, oldest first", async () => {
    const { q } = queue();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await q.enqueue({ ...item, userId: `u${i}` }));
    await q.deny(ids[1] as string, { reviewer: "x" });
    expect((await q.list({ status: "pending", limit: 2, offset: 1 })).map((i) => i.userId)).toEqual([
      "u2",
      "u3",
    ]);
    expect((await q.list()).map((i) => i.userId)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
  });

  it("keeps a bounded number of decided items in memory", async () => {
    const store = new MemoryEscalationStore({ maxResolved: 2 });
    const q = new EscalationQueue({ store });
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const id = await q.enqueue(item);
      ids.push(id);
      await q.approve(id, { reviewer: "r" });
    }
    const pending = await q.enqueue(item);
    expect((await q.list()).map((i) => i.id)).toEqual([ids[2], ids[3], pending]);
  });
});
