/**
 * The Limiter on a real redis-server (started here on a free port): instances share one count, the Lua
 * scripts agree with the in-memory maths, keys expire, and an unreachable Redis gives a clear error and
 * the configured fail mode.
 */
import { createServer, type Server } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketParams } from "./gcra.js";
import { Limiter } from "./limiter.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import { RedisRateLimitStore } from "./redis-store.js";
import { redisServerAvailable, startRedisServer, type RedisServerHandle } from "./redis-server.js";
import { RateLimitStoreError, type RateLimitStore } from "./store.js";
import type { StrikeParams } from "./strikes.js";

let server: RedisServerHandle;
const stores: RateLimitStore[] = [];
let n = 0;

function redisStore(options: { clock?: () => number; url?: string; timeoutMs?: number } = {}) {
  const store = new RedisRateLimitStore({ url: server.url, prefix: `rl${++n}:`, ...options });
  stores.push(store);
  return store;
}

describe.skipIf(!redisServerAvailable())("Limiter on Redis", () => {
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await server.stop();
  });

  it("shares one count between two instances (server clock), exactly under concurrency", async () => {
    const prefix = `shared${++n}:`;
    const config = { user: { requests: { limit: 10 } }, key: { requests: { limit: 1000 } } };
    const a = new Limiter({ config, store: new RedisRateLimitStore({ url: server.url, prefix }) });
    const b = new Limiter({ config, store: new RedisRateLimitStore({ url: server.url, prefix }) });
    stores.push(a.store, b.store);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).check({ userId: "u", keyId: "k" })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const refused = results.find((r) => !r.allowed);
    expect(refused?.reason).toBe("limit");
    expect(refused?.retryAfterMs).toBeGreaterThan(5_000);
    expect(refused?.retryAfterMs).toBeLessThanOrEqual(6_000);
    // Refused requests charged nothing: the key's count is the 10 allowed ones.
    const keyOnly = await a.check({ keyId: "k" });
    expect(keyOnly.remaining).toBe(1000 - 11);
    // Strikes recorded through one instance block the user on the other.
    const strikes = { user: { requests: { limit: 10 } }, strikes: { block: { at: 1, forMs: 5_000 } } };
    const c = new Limiter({ config: strikes, store: a.store });
    const d = new Limiter({ config: strikes, store: b.store });
    await c.recordViolation({ userId: "v", category: "violent-crimes" });
    expect(await d.check({ userId: "v" })).toMatchObject({ allowed: false, reason: "blocked" });
  });

  it("gives the same answers as the memory store on a long mixed sequence (fake clock)", async () => {
    let now = 1_800_000_000_000.125;
    const clock = () => now;
    const mem = new MemoryRateLimitStore({ clock });
    const red = redisStore({ clock });
    const params: StrikeParams = {
      weight: 1.5,
      halfLifeMs: 7_000,
      throttleAt: 2,
      throttleForMs: 4_000,
      blockAt: 4,
      blockForMs: 3_000,
      escalateAt: 5,
    };
    let seed = 12345;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * k); // high bits: an LCG's low bits cycle
    };
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      now += rand(900) + rand(100) / 7;
      const user = `u${rand(3)}`;
      const op = rand(10);
      if (op === 0) {
        const [x, y] = await Promise.all([mem.strike(user, params), red.strike(user, params)]);
        expect(y.newlyEscalated).toBe(x.newlyEscalated);
        expect(y.state.count).toBe(x.state.count);
        expect(y.state.score).toBeCloseTo(x.state.score, 9);
        expect(y.state.blockedForMs).toBeCloseTo(x.state.blockedForMs, 6);
        expect(y.state.throttledForMs).toBeCloseTo(x.state.throttledForMs, 6);
        continue;
      }
      const req = {
        strikeKey: user,
        force: op === 1,
        buckets: [
          { key: `${user}:r`, cost: 1, ...bucketParams(7, 10_000, 7) },
          {
            key: `${user}:t`,
            // Forced charges run into debt; op 2 weighs more than the whole bucket.
            cost: op === 1 ? 600 + rand(600) : op === 2 ? 950 : rand(300),
            ...bucketParams(1000, 13_000, 900),
          },
          { key: `${user}:rt`, cost: 1, throttledOnly: true, ...bucketParams(1.4, 10_000, 1) },
        ],
      };
      const [x, y] = await Promise.all([mem.check(req), red.check(req)]);
      // Both report durations in whole microseconds, rounded up: the answers are identical.
      expect(y).toEqual(x);
      seen.add(x.allowed ? "allowed" : "refused");
      if (x.throttled) seen.add("throttled");
      if (x.blockedForMs > 0) seen.add("blocked");
      if (x.buckets.some((b) => b.tooLarge)) seen.add("too-large");
      if (req.force && x.buckets.some((b) => b.retryAfterMs > 0)) seen.add("debt");
    }
    // The sequence reached every state.
    expect([...seen].sort()).toEqual(["allowed", "blocked", "debt", "refused", "throttled", "too-large"]);
  });

  it("lets bucket and strike keys expire once they carry nothing", async () => {
    const prefix = `ttl${++n}:`;
    const store = new RedisRateLimitStore({ url: server.url, prefix });
    stores.push(store);
    const l = new Limiter({ config: { user: { requests: { limit: 10, windowMs: 1_000 } } }, store });
    await l.check({ userId: "u" });
    await l.recordViolation({ userId: "u", category: "x" });
    const probe = new Redis(server.port, "127.0.0.1");
    try {
      const keys = (await probe.keys(`${prefix}*`)).sort();
      expect(keys).toEqual([`${prefix}bucket:user:requests:=u`, `${prefix}strikes:user:=u`]);
      const bucketTtl = await probe.pttl(`${prefix}bucket:user:requests:=u`);
      expect(bucketTtl).toBeGreaterThan(0);
      expect(bucketTtl).toBeLessThanOrEqual(101); // one unit of a 10-per-second rate
      const strikeTtl = await probe.pttl(`${prefix}strikes:user:=u`);
      // Score 1 decays below 0.01 after log2(100) ≈ 6.64 half-lives of an hour.
      expect(strikeTtl).toBeGreaterThan(6.6 * 3_600_000);
      expect(strikeTtl).toBeLessThan(6.7 * 3_600_000);
    } finally {
      probe.disconnect();
    }
  });

  it("fails closed with a clear error when Redis goes away, open when configured, and recovers", async () => {
    const own = await startRedisServer();
    const store = new RedisRateLimitStore({ url: own.url });
    stores.push(store);
    await store.ready();
    const closed = new Limiter({ store, config: { user: { requests: { limit: 5 } } } });
    const open = new Limiter({ store, config: { onStoreError: "open" } });
    expect((await closed.check({ userId: "u" })).allowed).toBe(true);
    await own.stop();

    const t0 = performance.now();
    const r = await closed.check({ userId: "u" });
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect(r).toMatchObject({ allowed: false, reason: "store-error" });
    expect(r.error).toContain(`rate-limit store: Redis at 127.0.0.1:${own.port} is unavailable`);
    expect((await open.check({ userId: "u" })).allowed).toBe(true);
    const v = await closed.recordViolation({ userId: "u", category: "x" });
    expect(v).toMatchObject({ recorded: false });
    await expect(store.ready()).rejects.toBeInstanceOf(RateLimitStoreError);

    // The store reconnects in the background once Redis is back.
    const again = await startRedisServer({ port: own.port });
    try {
      const deadline = Date.now() + 10_000;
      let back = await closed.check({ userId: "u" });
      while (!back.allowed && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        back = await closed.check({ userId: "u" });
      }
      expect(back).toMatchObject({ allowed: true, reason: "ok", remaining: 4 });
    } finally {
      await again.stop();
    }
  });

  it("reports a server that never answers within the time budget", async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const store = new RedisRateLimitStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: 200 });
    try {
      const t0 = performance.now();
      const err = await store
        .check({ buckets: [{ key: "k", cost: 1, ...bucketParams(1, 1000, 1) }] })
        .catch((e: unknown) => e);
      expect(performance.now() - t0).toBeLessThan(1_000);
      expect(err).toBeInstanceOf(RateLimitStoreError);
      expect((err as Error).message).toMatch(new RegExp(`Redis at 127\\.0\\.0\\.1:${port} is unavailable`));
    } finally {
      await store.close();
      silent.close();
    }
  });

  it("works with a client the caller owns, and leaves it open", async () => {
    const client = new Redis(server.port, "127.0.0.1");
    const store = new RedisRateLimitStore({ client, prefix: `owned${++n}:` });
    const l = new Limiter({ store, config: { key: { requests: { limit: 2 } } } });
    expect((await l.check({ keyId: "k" })).allowed).toBe(true);
    expect((await l.check({ keyId: "k" })).allowed).toBe(true);
    expect((await l.check({ keyId: "k" })).allowed).toBe(false);
    await l.close();
    expect(await client.ping()).toBe("PONG");
    client.disconnect();
  });
});
