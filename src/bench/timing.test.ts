import { describe, expect, it } from "vitest";
import { measure, percentile } from "./timing.js";

describe("measure", () => {
  it("sleeps idleMs before each timed call without counting the sleep", async () => {
    let calls = 0;
    const t0 = performance.now();
    const s = await measure(() => calls++, { iterations: 4, warmup: 1, idleMs: 15 });
    const wallMs = performance.now() - t0;
    expect(calls).toBe(5);
    expect(wallMs).toBeGreaterThanOrEqual(4 * 14);
    // A counter increment takes microseconds; the 15 ms sleeps are outside the samples.
    expect(s.medianUs).toBeLessThan(5_000);
  });

  it("reports percentiles of the samples", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
  });
});
