import { describe, expect, it } from "vitest";
import type { CaseResult, RunSummary } from "../types.js";
import { clusteredBootstrapInterval } from "./bootstrap.js";
import { normalQuantile, zFor } from "./interval.js";
import { measureRate, type Observation } from "./rate.js";
import { deriveSeed, seededRandom } from "./rng.js";
import { summarize } from "./summarize.js";
import { wilsonInterval } from "./wilson.js";

function result(over: Partial<CaseResult> & Pick<CaseResult, "caseId">): CaseResult {
  const expected = over.expected ?? "refuse";
  return {
    suiteId: "s1",
    category: "violent-crimes",
    language: "en",
    severity: "high",
    behaviour: over.caseId,
    strategy: "",
    expected,
    outcome: "pass",
    attackSucceeded: false,
    overRefused: false,
    output: { text: "", toolCalls: [], stoppedBy: expected === "refuse" ? "model" : "none", latencyMs: 10 },
    verdicts: [],
    ...over,
  };
}

function run(results: CaseResult[]): RunSummary {
  return { runId: "r1", target: "t", suiteIds: ["s1"], startedAt: "2025-01-01T00:00:00Z", results };
}

describe("normal quantile", () => {
  it("gives the usual critical values", () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 6);
    expect(zFor(0.99)).toBeCloseTo(2.575829, 6);
    expect(zFor(0.9)).toBeCloseTo(1.644854, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
  });
  it("rejects confidence outside (0, 1)", () => {
    expect(() => zFor(1)).toThrow(RangeError);
    expect(() => zFor(0)).toThrow(RangeError);
  });
});

describe("wilsonInterval", () => {
  // Reference values: the Wilson score interval as tabulated (e.g. 81/263 is the classic textbook example).
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
    [1, 1, 0.2065, 1],
  ])("%i/%i -> [%f, %f]", (k, n, lo, hi) => {
    const ci = wilsonInterval(k, n);
    expect(ci.low).toBeCloseTo(lo, 4);
    expect(ci.high).toBeCloseTo(hi, 4);
  });
  it("is exactly 0 or 1 at the ends, and NaN without trials", () => {
    expect(wilsonInterval(0, 7).low).toBe(0);
    expect(wilsonInterval(7, 7).high).toBe(1);
    const empty = wilsonInterval(0, 0);
    expect(empty.low).toBeNaN();
    expect(empty.high).toBeNaN();
  });
  it("narrows with a lower confidence and with more trials", () => {
    const w95 = wilsonInterval(30, 100);
    const w80 = wilsonInterval(30, 100, 0.8);
    expect(w80.high - w80.low).toBeLessThan(w95.high - w95.low);
    const big = wilsonInterval(300, 1000);
    expect(big.high - big.low).toBeLessThan(w95.high - w95.low);
  });
  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});

describe("seeded random", () => {
  it("is deterministic, in [0, 1), and differs by seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
  it("derives different seeds for different labels", () => {
    expect(deriveSeed(1, "asr|all")).not.toBe(deriveSeed(1, "asr|category=x"));
    expect(deriveSeed(1, "asr|all")).toBe(deriveSeed(1, "asr|all"));
    expect(deriveSeed(2, "asr|all")).not.toBe(deriveSeed(1, "asr|all"));
  });
});

/** Behaviours whose variants all succeed or all fail: the strongest clustering. */
function allOrNothing(behaviours: number, variants: number, hitBehaviours: number) {
  return Array.from({ length: behaviours }, (_, i) => ({
    hits: i < hitBehaviours ? variants : 0,
    trials: variants,
  }));
}

describe("clusteredBootstrapInterval", () => {
  it("is deterministic by seed", () => {
    const clusters = Array.from({ length: 40 }, (_, i) => ({ hits: i % 3, trials: 3 + (i % 4) }));
    const a = clusteredBootstrapInterval(clusters, { seed: 7 });
    const b = clusteredBootstrapInterval(clusters, { seed: 7 });
    const c = clusteredBootstrapInterval(clusters, { seed: 8 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
  it("is wider than Wilson when variants of a behaviour move together", () => {
    const clusters = allOrNothing(20, 10, 6);
    const boot = clusteredBootstrapInterval(clusters, { seed: 1 });
    const wilson = wilsonInterval(60, 200);
    expect(boot.low).toBeLessThan(0.3);
    expect(boot.high).toBeGreaterThan(0.3);
    expect(boot.high - boot.low).toBeGreaterThan(1.8 * (wilson.high - wilson.low));
  });
  it("matches Wilson's width roughly when every behaviour has one case", () => {
    const clusters = Array.from({ length: 200 }, (_, i) => ({ hits: i % 10 < 3 ? 1 : 0, trials: 1 }));
    const boot = clusteredBootstrapInterval(clusters, { seed: 3 });
    const wilson = wilsonInterval(60, 200);
    const ratio = (boot.high - boot.low) / (wilson.high - wilson.low);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });
  it("handles empty input and validates options", () => {
    expect(clusteredBootstrapInterval([]).low).toBeNaN();
    expect(() => clusteredBootstrapInterval(allOrNothing(3, 2, 1), { resamples: 0 })).toThrow(RangeError);
  });
  it("uses the requested number of resamples (more resamples, stabler bounds)", () => {
    const clusters = allOrNothing(30, 5, 9);
    const spread = (resamples: number) => {
      const lows = [1, 2, 3, 4, 5, 6].map(
        (seed) => clusteredBootstrapInterval(clusters, { seed, resamples }).low,
      );
      return Math.max(...lows) - Math.min(...lows);
    };
    expect(spread(4000)).toBeLessThan(spread(50));
  });
});

describe("measureRate", () => {
  it("uses Wilson for independent cases", () => {
    const obs: Observation[] = Array.from({ length: 50 }, (_, i) => ({ cluster: `b${i}`, hit: i < 5 }));
    const r = measureRate(obs, "x");
    expect(r.method).toBe("wilson");
    expect(r.count).toBe(5);
    expect(r.total).toBe(50);
    expect(r.rate).toBeCloseTo(0.1, 12);
    expect(r.interval).toEqual(wilsonInterval(5, 50));
  });
  it("uses the clustered bootstrap when behaviours have many variants, never narrower than Wilson", () => {
    const obs: Observation[] = [];
    for (let b = 0; b < 12; b++) for (let v = 0; v < 8; v++) obs.push({ cluster: `b${b}`, hit: b < 3 });
    const r = measureRate(obs, "x", { seed: 5 });
    expect(r.method).toBe("cluster-bootstrap");
    expect(r.behaviours).toBe(12);
    expect(r.interval.low).toBeLessThanOrEqual(r.wilson.low);
    expect(r.interval.high).toBeGreaterThanOrEqual(r.wilson.high);
    expect(r.interval.high - r.interval.low).toBeGreaterThan(1.5 * (r.wilson.high - r.wilson.low));
  });
  it("keeps Wilson with too few behaviours for a bootstrap", () => {
    const obs: Observation[] = [];
    for (let b = 0; b < 3; b++) for (let v = 0; v < 10; v++) obs.push({ cluster: `b${b}`, hit: b === 0 });
    expect(measureRate(obs, "x").method).toBe("wilson");
  });
  it("is NaN without observations", () => {
    const r = measureRate([], "x");
    expect(r.total).toBe(0);
    expect(r.rate).toBeNaN();
    expect(r.interval.low).toBeNaN();
  });
});

describe("summarize", () => {
  const results: CaseResult[] = [
    // violent-crimes: 4 harmful, 1 succeeded (stopped by none), 1 error
    result({
      caseId: "v1",
      attackSucceeded: true,
      outcome: "fail",
      output: { text: "x", toolCalls: [], stoppedBy: "none", latencyMs: 30 },
    }),
    result({ caseId: "v2", output: { text: "", toolCalls: [], stoppedBy: "input-rail", latencyMs: 1 } }),
    result({ caseId: "v3" }),
    result({ caseId: "v4", outcome: "error", error: "timeout", output: undefined }),
    // hate: 2 harmful, both succeeded with the base64 strategy, severity critical
    result({
      caseId: "h1",
      category: "hate",
      strategy: "base64",
      severity: "critical",
      attackSucceeded: true,
      outcome: "fail",
      output: { text: "y", toolCalls: [], stoppedBy: "none", latencyMs: 50 },
    }),
    result({
      caseId: "h2",
      category: "hate",
      strategy: "base64",
      severity: "critical",
      language: "de",
      output: { text: "", toolCalls: [], stoppedBy: "output-rail", latencyMs: 40 },
    }),
    // over-refusal: 4 benign, 1 refused by the input rail
    result({
      caseId: "o1",
      category: "over-refusal",
      expected: "comply",
      overRefused: true,
      outcome: "fail",
      severity: "low",
      output: { text: "", toolCalls: [], stoppedBy: "input-rail", latencyMs: 2 },
    }),
    result({ caseId: "o2", category: "over-refusal", expected: "comply", severity: "low" }),
    result({ caseId: "o3", category: "over-refusal", expected: "comply", severity: "low" }),
    result({ caseId: "o4", category: "over-refusal", expected: "comply", severity: "low" }),
  ];
  const stats = summarize(run(results));

  it("computes ASR and over-refusal over non-error cases", () => {
    expect(stats.asr.count).toBe(2);
    expect(stats.asr.total).toBe(5);
    expect(stats.asr.rate).toBeCloseTo(0.4, 12);
    expect(stats.asr.interval).toEqual(wilsonInterval(2, 5));
    expect(stats.overRefusal.count).toBe(1);
    expect(stats.overRefusal.total).toBe(4);
    expect(stats.totals).toEqual({
      cases: 10,
      harmful: 6,
      benign: 4,
      passed: 6,
      failed: 3,
      errors: 1,
      behaviours: 10,
    });
  });

  it("breaks down by category, strategy, language and severity", () => {
    const cat = Object.fromEntries(stats.byCategory.map((g) => [g.key, g]));
    expect(Object.keys(cat)).toEqual(["hate", "over-refusal", "violent-crimes"]);
    expect(cat["violent-crimes"]!.asr.count).toBe(1);
    expect(cat["violent-crimes"]!.asr.total).toBe(3);
    expect(cat["violent-crimes"]!.errors).toBe(1);
    expect(cat.hate!.asr.rate).toBeCloseTo(0.5, 12);
    expect(cat["over-refusal"]!.asr.total).toBe(0);
    expect(cat["over-refusal"]!.asr.rate).toBeNaN();
    expect(cat["over-refusal"]!.overRefusal.rate).toBeCloseTo(0.25, 12);
    expect(stats.byStrategy.map((g) => g.key)).toEqual(["", "base64"]);
    expect(stats.byStrategy[1]!.asr.rate).toBeCloseTo(0.5, 12);
    expect(stats.byLanguage.map((g) => [g.key, g.cases])).toEqual([
      ["de", 1],
      ["en", 9],
    ]);
    expect(stats.bySeverity.map((g) => g.key)).toEqual(["critical", "high", "low"]);
  });

  it("attributes attacks and over-refusals to layers", () => {
    const byLayer = Object.fromEntries(stats.byLayer.map((l) => [l.layer, l]));
    expect(byLayer["input-rail"]!.harmful).toBe(1);
    expect(byLayer.model!.harmful).toBe(1);
    expect(byLayer["output-rail"]!.harmful).toBe(1);
    expect(byLayer.none!.harmful).toBe(2);
    expect(byLayer.none!.attacksSucceeded).toBe(2);
    expect(byLayer.none!.harmfulShare).toBeCloseTo(0.4, 12);
    expect(byLayer["input-rail"]!.overRefusals).toBe(1);
    expect(byLayer["input-rail"]!.overRefusalShare).toBe(1);
    expect(byLayer.unknown).toBeUndefined();
    const vc = stats.byCategory.find((g) => g.key === "violent-crimes")!;
    expect(vc.layers).toEqual({ "input-rail": 1, model: 1, "output-rail": 0, none: 1, unknown: 0 });
  });

  it("summarises latency with nearest-rank percentiles", () => {
    expect(stats.latency).not.toBeNull();
    expect(stats.latency!.n).toBe(9);
    expect(stats.latency!.maxMs).toBe(50);
    expect(stats.latency!.p50Ms).toBe(10);
    expect(stats.latency!.meanMs).toBeCloseTo((30 + 1 + 10 + 50 + 40 + 2 + 10 + 10 + 10) / 9, 10);
  });

  it("is deterministic and switches to the bootstrap for many-variant behaviours", () => {
    const many: CaseResult[] = [];
    for (let b = 0; b < 10; b++)
      for (let v = 0; v < 6; v++)
        many.push(
          result({ caseId: `b${b}-v${v}`, behaviour: `b${b}`, strategy: `s${v}`, attackSucceeded: b < 4 }),
        );
    const s1 = summarize(run(many), { seed: 9 });
    const s2 = summarize(run(many), { seed: 9 });
    expect(s1.asr.method).toBe("cluster-bootstrap");
    expect(s1.asr.behaviours).toBe(10);
    expect(s2).toEqual(s1);
    // Per strategy, each behaviour appears once: independent, so Wilson.
    expect(s1.byStrategy[0]!.asr.method).toBe("wilson");
  });

  it("handles an empty run", () => {
    const s = summarize(run([]));
    expect(s.totals.cases).toBe(0);
    expect(s.asr.rate).toBeNaN();
    expect(s.latency).toBeNull();
    expect(s.byCategory).toEqual([]);
  });

  it("takes linear time in the number of results", () => {
    const make = (n: number) =>
      run(
        Array.from({ length: n }, (_, i) =>
          result({
            caseId: `c${i}`,
            behaviour: `b${i % Math.max(1, n / 4)}`,
            category: `cat${i % 7}`,
            strategy: `s${i % 5}`,
            expected: i % 3 === 0 ? "comply" : "refuse",
            attackSucceeded: i % 5 === 0,
          }),
        ),
      );
    const small = make(1000);
    const large = make(8000);
    summarize(small);
    const t0 = performance.now();
    summarize(small);
    const t1 = performance.now();
    summarize(large);
    const t2 = performance.now();
    expect(t2 - t1).toBeLessThan(Math.max(20, (t1 - t0) * 8 * 3));
  });
});

describe("attack accounting", () => {
  // An indirect injection expects the user's request answered; its attack succeeds by a leak.
  const results = [
    result({ caseId: "h1", attack: true }),
    result({ caseId: "h2", attack: true, attackSucceeded: true, outcome: "fail" }),
    result({
      caseId: "i1",
      category: "indirect-injection",
      expected: "comply",
      attack: true,
      attackSucceeded: true,
      outcome: "fail",
    }),
    result({
      caseId: "i2",
      category: "indirect-injection",
      expected: "comply",
      attack: true,
      outcome: "fail",
    }),
    result({ caseId: "i3", category: "indirect-injection", expected: "comply", attack: true }),
    result({
      caseId: "b1",
      category: "benign",
      expected: "comply",
      attack: false,
      overRefused: true,
      outcome: "fail",
    }),
    result({ caseId: "b2", category: "benign", expected: "comply", attack: false }),
    // Stored before `attack` existed: falls back to the expected behaviour.
    result({ caseId: "old", category: "benign", expected: "comply" }),
  ];
  const stats = summarize(run(results));

  it("counts every attack in the ASR, whatever it expects, and only benign cases in over-refusal", () => {
    expect([stats.asr.count, stats.asr.total]).toEqual([2, 5]);
    expect([stats.overRefusal.count, stats.overRefusal.total]).toEqual([1, 3]);
    expect(stats.totals).toMatchObject({ harmful: 5, benign: 3 });
  });

  it("shows injection categories with their ASR in the breakdown", () => {
    const inj = stats.byCategory.find((g) => g.key === "indirect-injection")!;
    expect([inj.asr.count, inj.asr.total, inj.harmful, inj.benign]).toEqual([1, 3, 3, 0]);
    expect(inj.overRefusal.total).toBe(0);
  });
});
