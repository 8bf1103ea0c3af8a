/**
 * The store contract, run against both stores: the in-memory one and Redis on a real redis-server this
 * file starts on a free port. A fake clock drives the window maths in both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketParams } from "./gcra.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import { RedisRateLimitStore } from "./redis-store.js";
import { redisServerAvailable, startRedisServer, type RedisServerHandle } from "./redis-server.js";
import type { BucketRequest, RateLimitStore } from "./store.js";
import type { StrikeParams } from "./strikes.js";

const T0 = 1_800_000_000_000;

interface Harness {
  store: RateLimitStore;
  clock: { now: number };
}

let server: RedisServerHandle | undefined;
let prefixes = 0;
const opened: RateLimitStore[] = [];

const factories: Record<string, () => Harness> = {
  memory: () => {
    const clock = { now: T0 };
    return { store: new MemoryRateLimitStore({ clock: () => clock.now }), clock };
  },
  redis: () => {
    const clock = { now: T0 };
    const store = new RedisRateLimitStore({
      url: (server as RedisServerHandle).url,
      prefix: `contract${++prefixes}:`,
      clock: () => clock.now,
    });
    opened.push(store);
    return { store, clock };
  },
};

beforeAll(async () => {
  if (redisServerAvailable()) server = await startRedisServer();
});
afterAll(async () => {
  for (const s of opened) await s.close();
  await server?.stop();
});

const perMinute = (limit: number, key = "b", cost = 1, burst = limit): BucketRequest => ({
  key,
  cost,
  ...bucketParams(limit, 60_000, burst),
});

const strikeParams: StrikeParams = {
  weight: 1,
  halfLifeMs: 60_000,
  throttleAt: 2,
  throttleForMs: 30_000,
  blockAt: 3,
  blockForMs: 10_000,
  escalateAt: 4,
};

describe.each(["memory", "redis"])("%s rate-limit store", (kind) => {
  const skip = kind === "redis" && !redisServerAvailable();
  const make = () => (factories[kind] as () => Harness)();

  it.skipIf(skip)(
    "lets a burst through, refuses the next with an exact retry-after, refills on time",
    async () => {
      const { store, clock } = make();
      const b = perMinute(10);
      for (let i = 0; i < 10; i++) {
        const r = await store.check({ buckets: [b] });
        expect(r.allowed).toBe(true);
        expect(r.buckets[0]?.remaining).toBe(9 - i);
      }
      const refused = await store.check({ buckets: [b] });
      expect(refused.allowed).toBe(false);
      expect(refused.buckets[0]?.retryAfterMs).toBeCloseTo(6_000, 6);
      expect(refused.buckets[0]?.resetMs).toBeCloseTo(60_000, 6);
      clock.now += 5_999;
      expect((await store.check({ buckets: [b] })).allowed).toBe(false);
      clock.now += 1;
      expect((await store.check({ buckets: [b] })).allowed).toBe(true);
      clock.now += 60_000;
      expect((await store.check({ buckets: [b] })).buckets[0]?.remaining).toBe(9);
    },
  );

  it.skipIf(skip)("is exact for a limit whose refill interval is a repeating fraction", async () => {
    const { store, clock } = make();
    clock.now += 0.375; // a fractional server time, as Redis TIME gives
    const b = perMinute(7);
    const results = [];
    for (let i = 0; i < 9; i++) results.push((await store.check({ buckets: [b] })).allowed);
    expect(results.filter(Boolean)).toHaveLength(7);
    expect(results.slice(7)).toEqual([false, false]);
  });

  it.skipIf(skip)("charges all buckets or none", async () => {
    const { store } = make();
    const requests = perMinute(100, "req");
    const tokens = perMinute(1000, "tok", 800);
    expect((await store.check({ buckets: [requests, tokens] })).allowed).toBe(true);
    const refused = await store.check({ buckets: [requests, tokens] });
    expect(refused.allowed).toBe(false);
    expect(refused.buckets[0]?.allowed).toBe(true); // fits, but the token bucket refused
    expect(refused.buckets[1]?.allowed).toBe(false);
    // The refused request charged nothing: 99 requests remain.
    const next = await store.check({ buckets: [requests, { ...tokens, cost: 100 }] });
    expect(next.allowed).toBe(true);
    expect(next.buckets[0]?.remaining).toBe(98);
    expect(next.buckets[1]?.remaining).toBe(100);
  });

  it.skipIf(skip)("flags a request larger than the bucket as never fitting", async () => {
    const { store } = make();
    const r = await store.check({ buckets: [perMinute(1000, "tok", 1001)] });
    expect(r.allowed).toBe(false);
    expect(r.buckets[0]?.tooLarge).toBe(true);
    expect(r.buckets[0]?.retryAfterMs).toBe(Number.POSITIVE_INFINITY);
  });

  it.skipIf(skip)("charges by force past the limit, and later requests wait out the debt", async () => {
    const { store, clock } = make();
    const forced = await store.check({ buckets: [perMinute(1000, "tok", 1500)], force: true });
    expect(forced.allowed).toBe(true);
    expect(forced.buckets[0]?.retryAfterMs).toBeCloseTo(30_000, 6);
    clock.now += 29_000;
    expect((await store.check({ buckets: [perMinute(1000, "tok", 1)] })).allowed).toBe(false);
    clock.now += 1_060;
    expect((await store.check({ buckets: [perMinute(1000, "tok", 1)] })).allowed).toBe(true);
  });

  it.skipIf(skip)("counts a throttle-only bucket only while strikes throttle the subject", async () => {
    const { store, clock } = make();
    const strict: BucketRequest = { ...perMinute(1, "strict"), throttledOnly: true };
    const req = { strikeKey: "s", buckets: [perMinute(100), strict] };
    for (let i = 0; i < 3; i++) {
      const r = await store.check(req);
      expect(r.allowed).toBe(true);
      expect(r.throttled).toBe(false);
      expect(r.buckets[1]?.skipped).toBe(true);
    }
    await store.strike("s", strikeParams);
    await store.strike("s", strikeParams); // score 2: throttled for 30 s
    const first = await store.check(req);
    expect(first.throttled).toBe(true);
    expect(first.allowed).toBe(true);
    expect(first.buckets[1]?.skipped).toBe(false);
    const second = await store.check(req);
    expect(second.allowed).toBe(false);
    expect(second.buckets[1]?.allowed).toBe(false);
    clock.now += 30_001;
    const after = await store.check(req);
    expect(after.throttled).toBe(false);
    expect(after.allowed).toBe(true);
  });

  it.skipIf(skip)("refuses a blocked subject for the cool-down, but still charges by force", async () => {
    const { store, clock } = make();
    for (let i = 0; i < 3; i++) await store.strike("s", strikeParams);
    const r = await store.check({ strikeKey: "s", buckets: [perMinute(10)] });
    expect(r.allowed).toBe(false);
    expect(r.blockedForMs).toBeCloseTo(10_000, 6);
    expect(r.buckets[0]?.skipped).toBe(true);
    const forced = await store.check({ strikeKey: "s", buckets: [perMinute(10, "b", 3)], force: true });
    expect(forced.allowed).toBe(true);
    expect(forced.buckets[0]?.remaining).toBe(7);
    clock.now += 10_000;
    const free = await store.check({ strikeKey: "s", buckets: [perMinute(10)] });
    expect(free.allowed).toBe(true);
    expect(free.buckets[0]?.remaining).toBeGreaterThanOrEqual(6);
  });

  it.skipIf(skip)("decays strikes by half-life and escalates once per upward crossing", async () => {
    const { store, clock } = make();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await store.strike("u", strikeParams));
    expect(results.map((r) => r.newlyEscalated)).toEqual([false, false, false, true, false]);
    expect(results[4]?.state.score).toBeCloseTo(5, 9);
    expect(results[4]?.state.count).toBe(5);
    expect(results[4]?.state.escalated).toBe(true);
    expect(results[0]?.state.throttledForMs).toBe(0);
    expect(results[1]?.state.throttledForMs).toBeCloseTo(30_000, 6);
    expect(results[2]?.state.blockedForMs).toBeCloseTo(10_000, 6);

    clock.now += 60_000; // one half-life
    const later = await store.strikes("u", strikeParams.halfLifeMs, strikeParams.escalateAt);
    expect(later.score).toBeCloseTo(2.5, 9);
    expect(later.escalated).toBe(false);
    expect(later.blockedForMs).toBe(0);
    expect(later.count).toBe(5);
    // 2.5 + 1 stays under 4; the next one crosses again and escalates again.
    expect((await store.strike("u", strikeParams)).newlyEscalated).toBe(false);
    expect((await store.strike("u", strikeParams)).newlyEscalated).toBe(true);

    await store.clearStrikes("u");
    const cleared = await store.strikes("u", strikeParams.halfLifeMs, strikeParams.escalateAt);
    expect(cleared).toEqual({ score: 0, count: 0, throttledForMs: 0, blockedForMs: 0, escalated: false });
  });

  it.skipIf(skip)("admits exactly 10 of 50 concurrent checks against a limit of 10", async () => {
    const { store } = make();
    const b = perMinute(10, "concurrent");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.check({ strikeKey: "c", buckets: [b] })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
