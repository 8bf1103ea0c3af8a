import { describe, expect, it, vi } from "vitest";
import { RateLimitsConfigSchema, type RateLimitsConfigInput } from "../../policy/limits-config.js";
import { Limiter, type LimiterOptions } from "./limiter.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import { RateLimitStoreError, type RateLimitStore } from "./store.js";
import { estimateTokens } from "./tokens.js";

const T0 = 1_800_000_000_000;

function limiter(config: RateLimitsConfigInput, extra: Pick<LimiterOptions, "onEscalate"> = {}) {
  const clock = { now: T0 };
  const store = new MemoryRateLimitStore({ clock: () => clock.now });
  return { limiter: new Limiter({ config, store, ...extra }), clock, store };
}

const failing: RateLimitStore = {
  check: () =>
    Promise.reject(new RateLimitStoreError("rate-limit store: Redis at 127.0.0.1:1 is unavailable")),
  strike: () =>
    Promise.reject(new RateLimitStoreError("rate-limit store: Redis at 127.0.0.1:1 is unavailable")),
  strikes: () => Promise.reject(new RateLimitStoreError("down")),
  clearStrikes: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

describe("policy section", () => {
  it("fills every field from an empty section", () => {
    const c = RateLimitsConfigSchema.parse({});
    expect(c.enabled).toBe(true);
    expect(c.onStoreError).toBe("closed");
    expect(c.user.requests).toEqual({ limit: 60, windowMs: 60_000 });
    expect(c.key.tokens).toEqual({ limit: 1_000_000, windowMs: 60_000 });
    expect(c.strikes.throttle).toEqual({ at: 3, factor: 0.2, forMs: 600_000 });
    expect(c.strikes.escalate).toEqual({ at: 8 });
  });

  it("turns a rate or a penalty off with null, and rejects unknown fields and bad numbers", () => {
    const c = RateLimitsConfigSchema.parse({ user: { tokens: null }, strikes: { block: null } });
    expect(c.user.tokens).toBeNull();
    expect(c.user.requests?.limit).toBe(60);
    expect(c.strikes.block).toBeNull();
    expect(() => RateLimitsConfigSchema.parse({ user: { request: { limit: 1 } } })).toThrow();
    expect(() => RateLimitsConfigSchema.parse({ key: { requests: { limit: 0 } } })).toThrow();
    expect(() => RateLimitsConfigSchema.parse({ strikes: { throttle: { factor: 2 } } })).toThrow();
  });
});

describe("Limiter", () => {
  it("limits requests per user and per API key independently", async () => {
    const { limiter: l } = limiter({ user: { requests: { limit: 2 } }, key: { requests: { limit: 3 } } });
    const a1 = await l.check({ userId: "a", keyId: "k" });
    expect(a1).toMatchObject({ allowed: true, reason: "ok", remaining: 1 });
    expect((await l.check({ userId: "a", keyId: "k" })).remaining).toBe(0);
    const a3 = await l.check({ userId: "a", keyId: "k" });
    expect(a3).toMatchObject({ allowed: false, reason: "limit" });
    expect(a3.message).toMatch(/^user a is over 2 requests per 60 s; retry in 30 s$/);
    expect(a3.retryAfterMs).toBeCloseTo(30_000, 6);
    // Another user on the same key: the key has one request left.
    expect((await l.check({ userId: "b", keyId: "k" })).allowed).toBe(true);
    const b2 = await l.check({ userId: "b", keyId: "k" });
    expect(b2.allowed).toBe(false);
    expect(b2.message).toMatch(/^API key k is over 3 requests/);
  });

  it("weighs tokens, estimates them from text, and refuses a request larger than the allowance", async () => {
    const { limiter: l } = limiter({
      user: { requests: null, tokens: { limit: 100 } },
      key: { requests: null },
    });
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcde")).toBe(2);
    const r = await l.check({ userId: "u", text: "x".repeat(240) });
    expect(r).toMatchObject({ allowed: true, remainingTokens: 40, remaining: Number.POSITIVE_INFINITY });
    expect((await l.check({ userId: "u", tokens: 41 })).reason).toBe("limit");
    const huge = await l.check({ userId: "u", tokens: 101 });
    expect(huge).toMatchObject({
      allowed: false,
      reason: "too-large",
      retryAfterMs: Number.POSITIVE_INFINITY,
    });
    await expect(l.check({ userId: "u", tokens: -1 })).rejects.toThrow(RangeError);
    await expect(l.check({ userId: "u", tokens: Number.NaN })).rejects.toThrow(RangeError);
  });

  it("charges usage known afterwards past the allowance, making later requests wait", async () => {
    const { limiter: l, clock } = limiter({ user: { tokens: { limit: 600 } } });
    expect((await l.check({ userId: "u", tokens: 100 })).allowed).toBe(true);
    const c = await l.charge({ userId: "u", tokens: 800 });
    expect(c.allowed).toBe(true);
    expect(c.retryAfterMs).toBeCloseTo(30_000, 6); // 300 tokens over, at 10 per second
    expect((await l.check({ userId: "u", tokens: 1 })).allowed).toBe(false);
    clock.now += 30_100;
    expect((await l.check({ userId: "u", tokens: 1 })).allowed).toBe(true);
  });

  it("throttles, then blocks, then escalates a user as violations add up, and forgives", async () => {
    const onEscalate = vi.fn();
    const { limiter: l, clock } = limiter(
      {
        user: { requests: { limit: 100 }, tokens: null },
        key: { requests: null, tokens: null },
        strikes: {
          weights: { "violent-crimes": 2 },
          throttle: { at: 2, factor: 0.05, forMs: 60_000 },
          block: { at: 4, forMs: 30_000 },
          escalate: { at: 6 },
        },
      },
      { onEscalate },
    );
    const v1 = await l.recordViolation({ userId: "u", category: "prompt-injection" });
    expect(v1).toMatchObject({ recorded: true, penalty: "none", newlyEscalated: false });
    const v2 = await l.recordViolation({ userId: "u", category: "prompt-injection" });
    expect(v2.penalty).toBe("throttle");
    // Throttled: 100 per minute × 0.05 = 5 per minute, burst 5.
    const checks = [];
    for (let i = 0; i < 7; i++) checks.push(await l.check({ userId: "u" }));
    expect(checks.map((c) => c.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(checks[5]?.reason).toBe("throttled");
    expect(checks[5]?.message).toMatch(/5 requests per 60 s \(throttled after strikes\)/);

    const v3 = await l.recordViolation({ userId: "u", category: "violent-crimes" }); // weight 2 → 4
    expect(v3.penalty).toBe("block");
    const blocked = await l.check({ userId: "u" });
    expect(blocked).toMatchObject({ allowed: false, reason: "blocked" });
    expect(blocked.retryAfterMs).toBeCloseTo(30_000, 6);
    expect(onEscalate).not.toHaveBeenCalled();

    const v4 = await l.recordViolation({ userId: "u", category: "violent-crimes" }); // → 6
    expect(v4).toMatchObject({ penalty: "escalate", newlyEscalated: true });
    expect(onEscalate).toHaveBeenCalledTimes(1);
    expect(onEscalate.mock.calls[0]?.[0]).toMatchObject({ userId: "u", category: "violent-crimes" });
    await l.recordViolation({ userId: "u", category: "violent-crimes" });
    expect(onEscalate).toHaveBeenCalledTimes(1); // still over: no second notice

    expect((await l.check({ userId: "other" })).allowed).toBe(true);
    clock.now += 60_001;
    expect((await l.strikes("u")).score).toBeGreaterThan(0);
    await l.clearStrikes("u");
    expect(await l.strikes("u")).toMatchObject({ score: 0, count: 0 });
    expect((await l.check({ userId: "u" })).allowed).toBe(true);
  });

  it("records nothing without a user or with strikes off, and limits nothing when disabled", async () => {
    const { limiter: l } = limiter({ strikes: { enabled: false } });
    expect((await l.recordViolation({ userId: "u", category: "x" })).recorded).toBe(false);
    const { limiter: l2 } = limiter({});
    expect((await l2.recordViolation({ category: "x" })).recorded).toBe(false);
    const { limiter: off, store } = limiter({ enabled: false, user: { requests: { limit: 1 } } });
    for (let i = 0; i < 3; i++)
      expect(await off.check({ userId: "u" })).toMatchObject({ allowed: true, reason: "disabled" });
    expect(store.size).toBe(0);
    expect(await l2.check({})).toMatchObject({ allowed: true, reason: "ok", buckets: [] });
  });

  it("fails closed on a store error by default, and open when configured", async () => {
    const closed = new Limiter({ store: failing });
    const r = await closed.check({ userId: "u" });
    expect(r).toMatchObject({ allowed: false, reason: "store-error" });
    expect(r.retryAfterMs).toBeGreaterThan(0);
    expect(r.error).toMatch(/Redis at 127\.0\.0\.1:1 is unavailable/);
    expect(r.message).toMatch(/refused \(rateLimits\.onStoreError: closed\)/);
    const open = new Limiter({ store: failing, config: { onStoreError: "open" } });
    expect(await open.check({ userId: "u" })).toMatchObject({ allowed: true, reason: "store-error" });
    const v = await closed.recordViolation({ userId: "u", category: "x" });
    expect(v.recorded).toBe(false);
    expect(v.error).toMatch(/unavailable/);
  });

  it("keeps keys short for any id, in time linear in the id's length", async () => {
    const { limiter: l, store } = limiter({ user: { requests: { limit: 1 } } });
    const time = async (n: number) => {
      const id = "a".repeat(n);
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) await l.check({ userId: `${id}${i}` });
      return performance.now() - t0;
    };
    await time(25_000); // warm-up
    const small = await time(25_000);
    const large = await time(200_000);
    expect(large / Math.max(small, 0.5)).toBeLessThan(8 * 4);
    // Two long ids that differ only at the end are distinct users.
    expect((await l.check({ userId: `${"b".repeat(5000)}1` })).allowed).toBe(true);
    expect((await l.check({ userId: `${"b".repeat(5000)}2` })).allowed).toBe(true);
    expect((await l.check({ userId: `${"b".repeat(5000)}1` })).allowed).toBe(false);
    expect(store.size).toBeGreaterThan(0);
  });
});
