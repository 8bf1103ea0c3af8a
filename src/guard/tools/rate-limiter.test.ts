import { describe, expect, it } from "vitest";
import { InMemoryToolRateLimiter } from "./rate-limiter.js";

describe("InMemoryToolRateLimiter", () => {
  const limit = { max: 3, perSeconds: 10 };

  it("allows max calls in any window and refuses the next without counting it", () => {
    const l = new InMemoryToolRateLimiter();
    expect([0, 1000, 2000].map((t) => l.take("k", limit, t).allowed)).toEqual([true, true, true]);
    expect(l.take("k", limit, 3000)).toEqual({ allowed: false, count: 3, retryAfterMs: 7000 });
    // Refused calls are not counted: at 10 s the first call has left the window, so one slot opens.
    expect(l.take("k", limit, 10_000)).toEqual({ allowed: true, count: 3 });
    expect(l.take("k", limit, 10_500).allowed).toBe(false);
  });

  it("keeps keys apart", () => {
    const l = new InMemoryToolRateLimiter();
    for (let i = 0; i < 3; i++) l.take("a", limit, 0);
    expect(l.take("a", limit, 1).allowed).toBe(false);
    expect(l.take("b", limit, 1).allowed).toBe(true);
  });

  it("sweeps idle keys when full, keeping live ones", () => {
    const l = new InMemoryToolRateLimiter({ maxKeys: 10 });
    for (let i = 0; i < 10; i++) l.take(`old${i}`, limit, 0);
    for (let i = 0; i < 3; i++) l.take("live", limit, 50_000);
    // 60 s later every "old" key is idle; adding a key sweeps them, "live" (within 10 s) stays.
    l.take("new", limit, 55_000);
    expect(l.size).toBe(2);
    expect(l.take("live", limit, 55_000).allowed).toBe(false);
  });

  it("bounds memory even when every key is live", () => {
    const l = new InMemoryToolRateLimiter({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) l.take(`k${i}`, limit, 0);
    expect(l.size).toBeLessThanOrEqual(100);
  });
});
