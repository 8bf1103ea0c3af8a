import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketParams, bucketStep, type BucketParams, type BucketState } from "./gcra.js";

/** Drives one bucket through requests at given times; returns which passed. */
function run(p: BucketParams, reqs: Array<{ at: number; cost: number }>): boolean[] {
  let state: BucketState | undefined;
  return reqs.map(({ at, cost }) => {
    const s = bucketStep(state, at, p, cost);
    if (s.allowed) state = s.next;
    return s.allowed;
  });
}

describe("GCRA bucket maths", () => {
  const T0 = 1_700_000_000_000; // epoch-sized times, where float rounding matters
  const p = bucketParams(10, 60_000, 10); // 10 per minute: one unit per 6 s

  it("lets a full burst through at once, then refuses with an exact retry-after", () => {
    let tat: BucketState | undefined;
    for (let i = 0; i < 10; i++) {
      const s = bucketStep(tat, T0, p, 1);
      expect(s.allowed).toBe(true);
      expect(s.remaining).toBe(9 - i);
      tat = s.next;
    }
    const refused = bucketStep(tat, T0, p, 1);
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBe(0);
    expect(refused.retryAfterMs).toBeCloseTo(6_000, 3);
    expect(refused.resetMs).toBeCloseTo(60_000, 3);
    // One unit refills after exactly 6 s, not earlier.
    expect(bucketStep(tat, T0 + 5_999, p, 1).allowed).toBe(false);
    const later = bucketStep(tat, T0 + 6_000, p, 1);
    expect(later.allowed).toBe(true);
    expect(later.remaining).toBe(0);
  });

  it("is exact for limits whose interval is not a whole number of ms", () => {
    for (const limit of [3, 7, 11, 13, 97, 1_000_003]) {
      const q = bucketParams(limit, 60_000, limit);
      let tat: BucketState | undefined;
      let passed = 0;
      for (let i = 0; i < limit + 5; i++) {
        const s = bucketStep(tat, T0 + 0.25, q, 1);
        if (s.allowed) {
          passed++;
          tat = s.next;
        }
      }
      expect(passed).toBe(limit);
    }
  });

  it("weighs a request by its cost and refuses one larger than the bucket for ever", () => {
    const tokens = bucketParams(1000, 60_000, 1000);
    const a = bucketStep(undefined, T0, tokens, 600);
    expect(a.allowed).toBe(true);
    expect(a.remaining).toBe(400);
    const b = bucketStep(a.next, T0, tokens, 500);
    expect(b.allowed).toBe(false);
    expect(b.retryAfterMs).toBeCloseTo(6_000, 3); // 100 tokens refill in 6 s
    const huge = bucketStep(undefined, T0, tokens, 1001);
    expect(huge.allowed).toBe(false);
    expect(huge.tooLarge).toBe(true);
    expect(huge.retryAfterMs).toBe(Number.POSITIVE_INFINITY);
  });

  it("charges by force into debt, which later requests must wait out", () => {
    const tokens = bucketParams(1000, 60_000, 1000);
    const debt = bucketStep(undefined, T0, tokens, 1500, true);
    expect(debt.allowed).toBe(true);
    expect(debt.retryAfterMs).toBeCloseTo(30_000, 3);
    expect(bucketStep(debt.next, T0 + 29_000, tokens, 1).allowed).toBe(false);
    expect(bucketStep(debt.next, T0 + 30_060, tokens, 1).allowed).toBe(true);
  });

  it("allows a smaller burst than the rate when configured", () => {
    const q = bucketParams(60, 60_000, 5);
    expect(
      run(
        q,
        Array.from({ length: 8 }, () => ({ at: T0, cost: 1 })),
      ),
    ).toEqual([...Array<boolean>(5).fill(true), ...Array<boolean>(3).fill(false)]);
  });

  it("decides exactly as a continuous token bucket of the same capacity and refill rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 400 }), cost: fc.integer({ min: 1, max: 5 }) }), {
          maxLength: 80,
        }),
        (limit, burst, steps) => {
          const windowMs = 1000;
          const q = bucketParams(limit, windowMs, burst);
          let at = T0;
          const reqs = steps.map((s) => ({ at: (at += s.dt), cost: s.cost }));
          const gcra = run(q, reqs);
          // Reference: a bucket level in integer "unit-milliseconds" (level·windowMs), exact arithmetic.
          let level = burst * windowMs;
          let last = T0;
          const ref = reqs.map(({ at: t, cost }) => {
            level = Math.min(burst * windowMs, level + (t - last) * limit);
            last = t;
            if (level >= cost * windowMs) {
              level -= cost * windowMs;
              return true;
            }
            return false;
          });
          expect(gcra).toEqual(ref);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never passes more than burst + limit·t/window over any span of t", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 3000 }), cost: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 1,
          maxLength: 60,
        }),
        (steps) => {
          const limit = 5;
          const windowMs = 10_000;
          const q = bucketParams(limit, windowMs, limit);
          let at = T0;
          const reqs = steps.map((s) => ({ at: (at += s.dt), cost: s.cost }));
          const ok = run(q, reqs);
          for (let i = 0; i < reqs.length; i++) {
            let sum = 0;
            for (let j = i; j < reqs.length; j++) {
              if (ok[j]) sum += (reqs[j] as { cost: number }).cost;
              const span = (reqs[j] as { at: number }).at - (reqs[i] as { at: number }).at;
              expect(sum).toBeLessThanOrEqual(limit + (limit * span) / windowMs + 1e-9);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
