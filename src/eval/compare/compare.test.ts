import { describe, expect, it } from "vitest";
import { summarize } from "../stats/summarize.js";
import type { CaseResult, RunSummary } from "../types.js";
import { compareRuns } from "./compare-runs.js";
import { holmAdjust } from "./holm.js";
import { binomialHalfCdf, mcnemarExact } from "./mcnemar.js";
import { pairedDifferenceInterval } from "./paired-difference.js";
import { IncomparableRunsError } from "./types.js";

function result(over: Partial<CaseResult> & Pick<CaseResult, "caseId">): CaseResult {
  return {
    suiteId: "s1",
    category: "violent-crimes",
    language: "en",
    severity: "high",
    behaviour: over.caseId,
    strategy: "",
    expected: "refuse",
    outcome: "pass",
    attackSucceeded: false,
    overRefused: false,
    verdicts: [],
    ...over,
  };
}

function run(runId: string, results: CaseResult[], suiteIds = ["s1"]): RunSummary {
  return { runId, target: runId, suiteIds, startedAt: "2025-01-01T00:00:00Z", results };
}

/** n harmful cases in `category`; `succeeded(i)` says whether attack i succeeded. */
function harmful(category: string, n: number, succeeded: (i: number) => boolean): CaseResult[] {
  return Array.from({ length: n }, (_, i) =>
    result({
      caseId: `${category}-${i}`,
      category,
      attackSucceeded: succeeded(i),
      outcome: succeeded(i) ? "fail" : "pass",
    }),
  );
}

/** log10 of the exact binomial tail, from BigInt sums: the reference for the log-space sum. */
function exactLog10HalfCdf(k: number, n: number): number {
  let sum = 0n;
  let c = 1n;
  for (let i = 0; i <= k; i++) {
    sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  // Keep the top 60 bits of the sum as a double; the rest is a power of two.
  const shift = Math.max(0, sum.toString(2).length - 60);
  return (Math.log2(Number(sum >> BigInt(shift))) + shift - n) * Math.log10(2);
}

describe("exact McNemar", () => {
  // Hand computations: p = 2 * sum_{i<=min} C(n, i) / 2^n, capped at 1.
  it.each([
    [1, 6, 0.125], // 2 * (1 + 7) / 128
    [0, 5, 0.0625], // 2 * 1 / 32
    [2, 10, 0.03857421875], // 2 * (1 + 12 + 66) / 4096
    [10, 2, 0.03857421875],
    [5, 5, 1],
    [0, 0, 1],
    [0, 1, 1], // 2 * 1/2
    [30, 60, 0.002060265680963076],
    [400, 500, 0.0009564441369189461],
  ])("b=%i c=%i -> p=%f", (b, c, p) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(p, 12);
    expect(Math.abs(mcnemarExact(b, c) - p) / p).toBeLessThan(1e-9);
  });
  it("matches an exact BigInt tail for large n without under- or overflow", () => {
    for (const [k, n] of [
      [0, 3000],
      [1200, 3000],
      [1499, 3000],
      [7, 40],
    ] as const) {
      const ref = exactLog10HalfCdf(k, n);
      const got = binomialHalfCdf(k, n);
      if (ref < -300) expect(got).toBeLessThan(1e-300);
      else expect(Math.abs(Math.log10(got) - ref)).toBeLessThan(1e-9);
    }
    expect(mcnemarExact(0, 3000)).toBeGreaterThanOrEqual(0);
    expect(mcnemarExact(1500, 1500)).toBe(1);
  });
  it("rejects bad counts", () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
  });
});

describe("paired difference interval (Newcombe)", () => {
  it("matches a hand computation of method 10", () => {
    // Reference values computed with the exact normal quantile; ours is good to ~1e-9, hence 8 digits.
    // Newcombe's (1998) example table: 12 both, 9 in one only, 2 in the other only, 21 neither.
    const ci = pairedDifferenceInterval({ both: 12, onlyB: 9, onlyA: 2, neither: 21 });
    expect(ci.low).toBeCloseTo(0.011242503551198407, 8);
    expect(ci.high).toBeCloseTo(0.2953717806466093, 8);
    const ci2 = pairedDifferenceInterval({ both: 5, onlyB: 10, onlyA: 0, neither: 85 });
    expect(ci2.low).toBeCloseTo(0.03944657615111416, 8);
    expect(ci2.high).toBeCloseTo(0.1734831715497298, 8);
  });
  it("is symmetric around 0 without discordant pairs, and flips sign with the runs", () => {
    const none = pairedDifferenceInterval({ both: 0, onlyB: 0, onlyA: 0, neither: 50 });
    expect(none.low).toBeCloseTo(-0.07134759913335872, 8);
    expect(none.high).toBeCloseTo(0.07134759913335872, 8);
    const fwd = pairedDifferenceInterval({ both: 3, onlyB: 7, onlyA: 1, neither: 30 });
    const back = pairedDifferenceInterval({ both: 3, onlyB: 1, onlyA: 7, neither: 30 });
    expect(back.low).toBeCloseTo(-fwd.high, 12);
    expect(back.high).toBeCloseTo(-fwd.low, 12);
    expect(pairedDifferenceInterval({ both: 0, onlyB: 0, onlyA: 0, neither: 0 }).low).toBeNaN();
  });
});

describe("Holm adjustment", () => {
  it("adjusts step-down and keeps the order", () => {
    const adj = holmAdjust([0.01, 0.04, 0.03]);
    expect(adj[0]).toBeCloseTo(0.03, 12);
    expect(adj[1]).toBeCloseTo(0.06, 12);
    expect(adj[2]).toBeCloseTo(0.06, 12);
    expect(holmAdjust([0.5, NaN, 0.9])).toEqual([1, NaN, 1]);
    expect(holmAdjust([0.2, NaN, 0.9])).toEqual([0.4, NaN, 0.9]);
  });
});

describe("compareRuns", () => {
  it("refuses runs of different suites with a clear message", () => {
    const a = run(
      "base",
      harmful("x", 3, () => false),
      ["suite-aaa"],
    );
    const b = run(
      "cand",
      harmful("x", 3, () => false),
      ["suite-bbb"],
    );
    expect(() => compareRuns(a, b)).toThrow(IncomparableRunsError);
    expect(() => compareRuns(a, b)).toThrow(/different suites.*suite-aaa.*suite-bbb/);
  });

  it("finds a regression: 10 attacks newly succeed, none fixed", () => {
    const a = run(
      "base",
      harmful("weapons", 40, () => false),
    );
    const b = run(
      "cand",
      harmful("weapons", 40, (i) => i < 10),
    );
    const c = compareRuns(a, b);
    const asr = c.overall.find((m) => m.metric === "asr")!;
    expect(asr.table).toEqual({ both: 0, onlyA: 0, onlyB: 10, neither: 30 });
    expect(asr.pValue).toBeCloseTo(2 / 1024, 12);
    expect(asr.rateA).toBe(0);
    expect(asr.rateB).toBeCloseTo(0.25, 12);
    expect(asr.difference).toBeCloseTo(0.25, 12);
    expect(asr.interval.low).toBeGreaterThan(0);
    expect(asr.interval.high).toBeGreaterThan(0.25);
    expect(asr.verdict).toBe("regression");
    expect(c.regressions.map((r) => `${r.metric}:${r.scope}`)).toEqual(["asr:all", "asr:weapons"]);
    const over = c.overall.find((m) => m.metric === "over-refusal")!;
    expect(over.n).toBe(0);
    expect(over.verdict).toBe("no significant change");
  });

  it("finds an improvement and calls a small change insignificant", () => {
    const a = run(
      "base",
      harmful("x", 40, (i) => i < 10),
    );
    const b = run(
      "cand",
      harmful("x", 40, () => false),
    );
    expect(compareRuns(a, b).overall[0]!.verdict).toBe("improvement");
    const c = run(
      "cand",
      harmful("x", 40, (i) => i < 3 || i === 20 || i === 21),
    );
    const d = compareRuns(a, c).overall[0]!;
    expect(d.table).toEqual({ both: 3, onlyA: 7, onlyB: 2, neither: 28 });
    expect(d.pValue).toBeCloseTo(mcnemarExact(7, 2), 12);
    expect(d.verdict).toBe("no significant change");
  });

  it("adjusts category p-values for the number of categories", () => {
    // Three categories; one has a regression of 6 discordant pairs (p = 1/32 raw, 3/32 after Holm).
    const base = [
      ...harmful("a", 20, () => false),
      ...harmful("b", 20, () => false),
      ...harmful("c", 20, () => false),
    ];
    const cand = [
      ...harmful("a", 20, (i) => i < 6),
      ...harmful("b", 20, () => false),
      ...harmful("c", 20, () => false),
    ];
    const holm = compareRuns(run("base", base), run("cand", cand));
    const catA = holm.byCategory.find((m) => m.metric === "asr" && m.scope === "a")!;
    expect(catA.pValue).toBeCloseTo(1 / 32, 12);
    expect(catA.pAdjusted).toBeCloseTo(3 / 32, 12);
    expect(catA.verdict).toBe("no significant change");
    const raw = compareRuns(run("base", base), run("cand", cand), { adjustment: "none" });
    expect(raw.byCategory.find((m) => m.metric === "asr" && m.scope === "a")!.verdict).toBe("regression");
  });

  it("compares over-refusal on benign cases", () => {
    const benign = (refused: (i: number) => boolean) =>
      Array.from({ length: 30 }, (_, i) =>
        result({ caseId: `ok-${i}`, category: "benign", expected: "comply", overRefused: refused(i) }),
      );
    const c = compareRuns(
      run(
        "base",
        benign(() => false),
      ),
      run(
        "cand",
        benign((i) => i < 8),
      ),
    );
    const over = c.overall.find((m) => m.metric === "over-refusal")!;
    expect(over.table.onlyB).toBe(8);
    expect(over.verdict).toBe("regression");
    expect(c.overall.find((m) => m.metric === "asr")!.n).toBe(0);
  });

  it("reports unpaired, duplicate, mismatched and errored results", () => {
    const a = run("base", [
      result({ caseId: "1" }),
      result({ caseId: "2" }),
      result({ caseId: "2" }),
      result({ caseId: "3", strategy: "base64" }),
      result({ caseId: "4" }),
      result({ caseId: "5" }),
    ]);
    const b = run("cand", [
      result({ caseId: "1" }),
      result({ caseId: "2" }),
      result({ caseId: "3", strategy: "rot13" }),
      result({ caseId: "4", outcome: "error", error: "boom" }),
      result({ caseId: "5", expected: "comply" }),
      result({ caseId: "6" }),
    ]);
    const c = compareRuns(a, b);
    expect(c.paired).toBe(4);
    expect(c.pairing).toEqual({
      onlyInA: 1,
      onlyInB: 2,
      duplicatesInA: 1,
      duplicatesInB: 0,
      expectationMismatch: 1,
      errored: 1,
    });
    expect(c.overall[0]!.n).toBe(2);
  });

  it("includes both runs' statistics", () => {
    const a = run(
      "base",
      harmful("x", 10, (i) => i < 2),
    );
    const b = run(
      "cand",
      harmful("x", 10, (i) => i < 4),
    );
    const c = compareRuns(a, b);
    expect(c.baselineStats).toEqual(summarize(a));
    expect(c.candidateStats.asr.count).toBe(4);
    expect(c.baseline.runId).toBe("base");
  });

  it("takes linear time in the number of results", () => {
    const make = (n: number, id: string, k: number) =>
      run(
        id,
        harmful("x", n, (i) => i % k === 0),
      );
    const time = (n: number) => {
      const a = make(n, "a", 7);
      const b = make(n, "b", 5);
      const t0 = performance.now();
      compareRuns(a, b, { stats: { resamples: 10 } });
      return performance.now() - t0;
    };
    time(2000);
    const small = time(2000);
    const large = time(16000);
    expect(large).toBeLessThan(Math.max(50, small * 8 * 3));
  });
});
