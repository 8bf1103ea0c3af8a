import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { AuditWriter } from "../audit-writer.js";
import { AuditStore } from "../store/audit-store.js";
import { makeDecision, makeEvent } from "../testing/events.js";
import { testTargets } from "../testing/targets.js";
import { IncidentEngine } from "./engine.js";
import { IncidentStore } from "./incident-store.js";
import { judgeSpike } from "./rules.js";
import { IncidentError } from "./types.js";
import { WebhookNotifier } from "./webhook.js";
import { IncidentRulesSettings } from "../config.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-04-01T12:00:00Z");

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** A webhook receiver that fails the first `failures` requests with 503. */
async function receiver(
  failures = 0,
): Promise<{ url: string; bodies: unknown[]; hits: () => number; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    void readBody(req).then((b) => {
      if (hits <= failures) {
        res.writeHead(503).end();
        return;
      }
      bodies.push(JSON.parse(b));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    hits: () => hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe.each(testTargets())("incidents on $name", (target) => {
  afterAll(() => target.cleanup());

  async function setup(rules = {}) {
    const mdb = await target.open();
    const audit = new AuditStore(mdb);
    const incidents = new IncidentStore(mdb, { clock: () => T0 });
    const engine = new IncidentEngine({ audit, incidents, rules, clock: () => T0 });
    return { mdb, audit, incidents, engine };
  }

  it("opens one incident per severe category and user, grouping later events into it", async () => {
    const { audit, incidents, engine, mdb } = await setup();
    const cse = (userId: string, score: number) =>
      makeEvent({ time: T0, userId, action: "block", categories: { "child-sexual-exploitation": score } });
    const batch1 = [cse("u1", 0.9), cse("u1", 0.95), cse("u2", 0.8), cse("u3", 0.3)];
    await audit.insert(batch1);
    const opened = await engine.process(batch1);
    expect(opened.map((i) => [i.rule, i.severity, i.eventCount, i.details.userId])).toEqual([
      ["severe", "critical", 2, "u1"],
      ["severe", "critical", 1, "u2"],
    ]);
    expect(opened[0]!.details.maxScore).toBe(0.95);
    // a later event from u1 joins the open incident instead of opening another
    const later = [cse("u1", 0.99)];
    await audit.insert(later);
    expect(await engine.process(later)).toEqual([]);
    const u1 = (await incidents.get(opened[0]!.id))!;
    expect(u1.eventCount).toBe(3);
    expect((await incidents.events(u1.id)).map((e) => e.id)).toEqual(
      [...batch1.slice(0, 2), ...later].map((e) => e.id),
    );
    // self-harm needs a high score by default
    const sh = [makeEvent({ time: T0, userId: "u4", categories: { "suicide-self-harm": 0.7 } })];
    await audit.insert(sh);
    expect(await engine.process(sh)).toEqual([]);
    expect(engine.stats()).toMatchObject({ opened: 2, grouped: 1, errors: 0 });
    await mdb.close();
  });

  it("opens a strikes incident when one user is blocked N times within the window", async () => {
    const { audit, engine, incidents, mdb } = await setup({ strikes: { blocks: 3, windowMinutes: 10 } });
    const block = (userId: string, minutesAgo: number) =>
      makeEvent({ time: T0 - minutesAgo * 60_000, userId, action: "block", categories: { hate: 0.9 } });
    const old = block("u1", 30); // outside the window
    const first = [old, block("u1", 5), block("u2", 4), block("u1", 3)];
    await audit.insert(first);
    expect(await engine.process(first)).toEqual([]); // u1 has 2 in the window
    const next = [block("u1", 1), makeEvent({ time: T0, userId: "u1", action: "allow" })];
    await audit.insert(next);
    const [inc] = await engine.process(next);
    expect(inc).toMatchObject({ rule: "strikes", key: "strikes:user:u1", eventCount: 3, severity: "medium" });
    expect(inc!.details).toMatchObject({ userId: "u1", blocks: 3, windowMinutes: 10 });
    expect((await incidents.events(inc!.id)).map((e) => e.id)).toEqual([
      first[1]!.id,
      first[3]!.id,
      next[0]!.id,
    ]);
    await mdb.close();
  });

  it("detects a spike against the trailing baseline with the Poisson test, and not without enough history", async () => {
    const { audit, engine, mdb } = await setup({
      spike: { minCount: 10, minRatio: 3, alpha: 0.001, minBaselineHours: 24 },
    });
    const flagged = (t: number, category: string) =>
      makeEvent({
        time: t,
        categories: { [category]: 0.9 },
        reasons: [{ detector: "d", category, score: 0.9 }],
        action: "block",
      });
    // 2 "hate" per hour for the last 7 days, 1 "privacy" per hour
    const events = [];
    for (let h = 1; h <= 7 * 24; h++) {
      events.push(flagged(T0 - h * HOUR - 10_000, "hate"), flagged(T0 - h * HOUR - 20_000, "hate"));
      events.push(flagged(T0 - h * HOUR - 30_000, "privacy"));
    }
    // the last hour: 20 hate (a spike), 2 privacy (normal)
    for (let i = 0; i < 20; i++) events.push(flagged(T0 - i * 60_000 - 1, "hate"));
    events.push(flagged(T0 - 5 * 60_000, "privacy"), flagged(T0 - 6 * 60_000, "privacy"));
    await audit.insert(events);
    const { verdicts, opened } = await engine.checkSpikes(T0);
    const hate = verdicts.find((v) => v.category === "hate")!;
    expect(hate.lastHour).toBe(20);
    expect(hate.baselinePerHour).toBeCloseTo((7 * 24 * 2) / (7 * 24), 1);
    expect(hate.pValue).toBeLessThan(1e-6);
    expect(verdicts.find((v) => v.category === "privacy")!.spike).toBe(false);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ rule: "spike", key: "spike:hate", eventCount: 20, severity: "high" });
    // checking again adds to the same incident
    expect((await engine.checkSpikes(T0)).opened).toEqual([]);
    await mdb.close();

    // Only 3 hours of history: no verdict of spike, however many events
    const fresh = await setup();
    const few = [flagged(T0 - 3 * HOUR, "hate")];
    for (let i = 0; i < 30; i++) few.push(flagged(T0 - i * 1000 - 1, "hate"));
    await fresh.audit.insert(few);
    const r = await fresh.engine.checkSpikes(T0);
    expect(r.opened).toEqual([]);
    expect(r.verdicts[0]).toMatchObject({ category: "hate", lastHour: 30, spike: false });
    await fresh.mdb.close();
  });

  it("works an incident from open to triaged to resolved, with who, when and why", async () => {
    const { incidents, mdb } = await setup();
    const { incident, created } = await incidents.openOrAdd({
      key: "k",
      rule: "manual",
      title: "t",
      severity: "low",
      details: { a: 1 },
      eventIds: [],
    });
    expect(created).toBe(true);
    expect(incident).toMatchObject({ status: "open", eventCount: 0, details: { a: 1 } });
    expect(incident.id).toMatch(/^inc-20260401-120000-[0-9a-f]{6}$/);
    const triaged = await incidents.triage(incident.id, { actor: "alice", note: "looking" });
    expect(triaged).toMatchObject({ status: "triaged", owner: "alice" });
    await incidents.addNote(incident.id, { actor: "bob", note: "same user as last week" });
    await incidents.assign(incident.id, { actor: "alice", owner: "carol" });
    const resolved = await incidents.resolve(incident.id, { actor: "carol", note: "account suspended" });
    expect(resolved).toMatchObject({ status: "resolved", owner: "carol", resolvedAt: T0 });
    await expect(incidents.resolve(incident.id, { actor: "dave" })).rejects.toThrow(IncidentError);
    await expect(incidents.resolve(incident.id, { actor: "dave" })).rejects.toThrow(
      /is resolved; it cannot be resolved/,
    );
    await expect(incidents.triage("inc-nope", { actor: "x" })).rejects.toThrow(
      /no incident with id inc-nope/,
    );
    await expect(incidents.resolve(incident.id, { actor: " " })).rejects.toThrow(/actor/);
    const history = await incidents.history(incident.id);
    expect(
      history.map((h) => [
        h.seq,
        h.actor,
        h.action,
        h.fromStatus ?? null,
        h.toStatus ?? null,
        h.note ?? null,
      ]),
    ).toEqual([
      [1, "rule:manual", "opened", null, "open", "t"],
      [2, "alice", "triaged", "open", "triaged", "looking"],
      [3, "bob", "noted", null, null, "same user as last week"],
      [4, "alice", "assigned", null, null, "owner: carol"],
      [5, "carol", "resolved", "triaged", "resolved", "account suspended"],
    ]);
    // a new match after resolution opens a new incident
    const again = await incidents.openOrAdd({
      key: "k",
      rule: "manual",
      title: "t",
      severity: "low",
      details: {},
      eventIds: [],
    });
    expect(again.created).toBe(true);
    expect((await incidents.list({ status: "open" })).map((i) => i.id)).toEqual([again.incident.id]);
    expect(await incidents.list({ status: ["open", "resolved"] })).toHaveLength(2);
    await mdb.close();
  });

  it("runs on every batch the writer commits, announcing new incidents on the webhook", async () => {
    const hook = await receiver(1);
    const mdb = await target.open();
    const audit = new AuditStore(mdb);
    const incidents = new IncidentStore(mdb);
    const webhook = new WebhookNotifier({ url: hook.url, backoffMs: 10 });
    const opened: string[] = [];
    const engine = new IncidentEngine({ audit, incidents, webhook, onOpened: (i) => opened.push(i.id) });
    const writer = new AuditWriter({ store: audit });
    engine.attach(writer);
    writer.record({
      decision: makeDecision({ category: "child-sexual-exploitation", score: 0.99 }),
      text: "…",
      userId: "u9",
    });
    writer.record({ decision: makeDecision(), text: "fine" });
    await writer.flush();
    await engine.idle();
    await webhook.idle();
    expect(opened).toHaveLength(1);
    expect(hook.hits()).toBe(2); // one 503, then delivered
    expect(hook.bodies).toEqual([
      {
        type: "incident.opened",
        incident: expect.objectContaining({ id: opened[0], rule: "severe", status: "open" }),
      },
    ]);
    expect(JSON.stringify(hook.bodies)).not.toContain("…"); // no text in announcements
    expect(webhook.stats()).toMatchObject({ sent: 1, failed: 0, attempts: 2 });
    await hook.close();
    await mdb.close();
  });
});

describe("WebhookNotifier", () => {
  it("gives up after the retries, never blocks the caller, and bounds what waits", async () => {
    let calls = 0;
    const failing: typeof fetch = () => {
      calls++;
      return Promise.reject(new TypeError("fetch failed"));
    };
    const failures: string[] = [];
    const hook = new WebhookNotifier(
      { url: "https://hooks.example.com/services/SECRET-TOKEN", retries: 2, backoffMs: 1, maxPending: 2 },
      { fetch: failing, onFailed: (e) => failures.push(e) },
    );
    const t0 = performance.now();
    expect(hook.notify({ n: 1 })).toBe(true);
    expect(hook.notify({ n: 2 })).toBe(true);
    expect(hook.notify({ n: 3 })).toBe(false); // dropped: two already pending
    expect(performance.now() - t0).toBeLessThan(50);
    await hook.idle();
    expect(calls).toBe(6);
    expect(hook.stats()).toMatchObject({ sent: 0, failed: 2, dropped: 1, pending: 0, attempts: 6 });
    expect(failures[0]).toBe("https://hooks.example.com: fetch failed");
    expect(failures.join()).not.toContain("SECRET");
  });

  it("times out a hanging endpoint and does not retry a 4xx", async () => {
    const server = createServer((req) => {
      if (req.url === "/hang") return; // never answers
    });
    server.on("request", (req, res) => {
      if (req.url === "/bad") res.writeHead(400).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    const hang = new WebhookNotifier({
      url: `http://127.0.0.1:${port}/hang`,
      timeoutMs: 100,
      retries: 1,
      backoffMs: 1,
    });
    const t0 = performance.now();
    hang.notify({});
    await hang.idle();
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(hang.stats()).toMatchObject({
      failed: 1,
      attempts: 2,
      lastError: expect.stringMatching(/no answer within 100 ms/),
    });
    const bad = new WebhookNotifier({ url: `http://127.0.0.1:${port}/bad`, retries: 3, backoffMs: 1 });
    bad.notify({});
    await bad.idle();
    expect(bad.stats()).toMatchObject({
      failed: 1,
      attempts: 1,
      lastError: expect.stringMatching(/HTTP 400/),
    });
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe("judgeSpike", () => {
  const s = IncidentRulesSettings.parse({}).spike;
  it("needs significance, a minimum count and a minimum ratio", () => {
    expect(judgeSpike({ category: "x", lastHour: 12, baselineCount: 168, baselineHours: 168 }, s).spike).toBe(
      true,
    );
    // 12 against 5/h is significant-ish but under 3× the rate
    expect(judgeSpike({ category: "x", lastHour: 12, baselineCount: 840, baselineHours: 168 }, s).spike).toBe(
      false,
    );
    // too few events, however rare the category
    expect(judgeSpike({ category: "x", lastHour: 5, baselineCount: 0, baselineHours: 168 }, s).spike).toBe(
      false,
    );
    // not enough history
    expect(judgeSpike({ category: "x", lastHour: 50, baselineCount: 1, baselineHours: 10 }, s).spike).toBe(
      false,
    );
  });
});
