import { describe, expect, it } from "vitest";
import { logGamma, poissonUpperTail } from "./poisson.js";

describe("poissonUpperTail", () => {
  it("matches exact values", () => {
    // P(X ≥ 1 | λ) = 1 − e^−λ
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 3 | 1) = 1 − e^−1 (1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    expect(poissonUpperTail(0, 5)).toBe(1);
    expect(poissonUpperTail(4, 0)).toBe(0);
  });

  it("keeps precision far in the tail", () => {
    // P(X ≥ 30 | 2): dominated by the first term, e^-2 2^30 / 30!
    const first = Math.exp(-2 + 30 * Math.log(2) - logGamma(31));
    const p = poissonUpperTail(30, 2);
    expect(p).toBeGreaterThan(first);
    expect(p).toBeLessThan(first * 1.1);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-20);
  });

  it("is a probability that falls as the count rises", () => {
    let prev = 1;
    for (let k = 0; k < 200; k++) {
      const p = poissonUpperTail(k, 40);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(prev + 1e-12);
      prev = p;
    }
    expect(poissonUpperTail(40, 40)).toBeGreaterThan(0.45);
    expect(poissonUpperTail(40, 40)).toBeLessThan(0.55);
  });

  it("logGamma agrees with factorials", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});
