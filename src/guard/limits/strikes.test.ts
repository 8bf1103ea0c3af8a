import { describe, expect, it } from "vitest";
import { applyStrike, decayedScore, strikeState, strikeTtlMs, type StrikeParams } from "./strikes.js";

const params: StrikeParams = {
  weight: 1,
  halfLifeMs: 1_000,
  throttleAt: 2,
  throttleForMs: 5_000,
  blockAt: 3,
  blockForMs: 2_000,
  escalateAt: 4,
};

describe("strike maths", () => {
  it("halves the score every half-life", () => {
    const { record } = applyStrike(undefined, 0, { ...params, weight: 8 });
    expect(decayedScore(record, 1_000, 1_000)).toBeCloseTo(4, 12);
    expect(decayedScore(record, 3_000, 1_000)).toBeCloseTo(1, 12);
    // A clock that stepped back does not grow the score.
    expect(decayedScore(record, -500, 1_000)).toBe(8);
  });

  it("extends a penalty with each violation at or over its threshold, never shortens it", () => {
    let rec = applyStrike(undefined, 0, params).record;
    rec = applyStrike(rec, 0, params).record; // 2: throttle until 5000
    expect(rec.throttledUntil).toBe(5_000);
    expect(rec.blockedUntil).toBe(0);
    rec = applyStrike(rec, 100, params).record; // ~2.93: still under the block threshold
    expect(rec.blockedUntil).toBe(0);
    expect(rec.throttledUntil).toBe(5_100);
    rec = applyStrike(rec, 100, { ...params, throttleForMs: 10 }).record;
    expect(rec.throttledUntil).toBe(5_100);
    expect(rec.blockedUntil).toBe(2_100);
  });

  it("ignores thresholds that are off (-1)", () => {
    const off = { ...params, throttleAt: -1, blockAt: -1, escalateAt: -1, weight: 100 };
    const { record, newlyEscalated } = applyStrike(undefined, 0, off);
    expect(record).toMatchObject({ throttledUntil: 0, blockedUntil: 0, score: 100 });
    expect(newlyEscalated).toBe(false);
    expect(strikeState(record, 0, 1_000, -1).escalated).toBe(false);
  });

  it("keeps a record until penalties end and the score is negligible", () => {
    const { record } = applyStrike(undefined, 0, { ...params, blockForMs: 60_000, weight: 3 });
    expect(strikeTtlMs(record, 0, 1_000)).toBe(60_000);
    const light = applyStrike(undefined, 0, { ...params, weight: 1 }).record;
    expect(strikeTtlMs(light, 0, 1_000)).toBeCloseTo(1_000 * Math.log2(100), 6);
    expect(strikeTtlMs(light, 10_000, 1_000)).toBe(0);
  });
});
