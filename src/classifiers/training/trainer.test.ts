import { describe, expect, it } from "vitest";
import type { FeatureVector } from "../features/types.js";
import { headLogit } from "../model/linear-head.js";
import { fitPlatt } from "./calibrate.js";
import { rocAuc } from "./metrics.js";
import { mulberry32 } from "./rng.js";
import { balancedWeights, trainLogistic, type TrainOptions } from "./trainer.js";

const options: TrainOptions = { bits: 10, useDense: true, epochs: 5, learningRate: 0.3, l2: 1e-5, seed: 7 };

/** Positives carry feature 1 (and noise), negatives feature 2; the dense block leans the same way. */
function synthetic(n: number, seed: number): { xs: FeatureVector[]; ys: number[] } {
  const rand = mulberry32(seed);
  const xs: FeatureVector[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rand() < 0.3 ? 1 : 0;
    const noise = 10 + Math.floor(rand() * 500);
    xs.push({
      idx: Int32Array.from([y === 1 ? 1 : 2, noise]),
      val: Float32Array.from([0.8, 0.6]),
      dense: Float32Array.from([y === 1 ? 0.5 : -0.5, rand() - 0.5]),
    });
    ys.push(y);
  }
  return { xs, ys };
}

describe("trainLogistic", () => {
  it("learns a separable problem", () => {
    const { xs, ys } = synthetic(600, 1);
    const head = trainLogistic(
      xs,
      ys,
      balancedWeights(
        ys,
        ys.map(() => "s"),
      ),
      options,
    );
    const test = synthetic(300, 2);
    const logits = test.xs.map((x) => headLogit(head, x));
    expect(rocAuc(logits, test.ys)).toBe(1);
    logits.forEach((z, i) => expect(z > 0).toBe(test.ys[i] === 1));
    expect(head.weights[1]).toBeGreaterThan(0);
    expect(head.weights[2]).toBeLessThan(0);
  });

  it("is deterministic for a seed, and the seed matters", () => {
    const { xs, ys } = synthetic(400, 3);
    const w = balancedWeights(
      ys,
      ys.map(() => "s"),
    );
    const a = trainLogistic(xs, ys, w, options);
    const b = trainLogistic(xs, ys, w, options);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect([...a.dense!]).toEqual([...b.dense!]);
    expect(a.bias).toBe(b.bias);
    const c = trainLogistic(xs, ys, w, { ...options, seed: 8 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });

  it("ignores the dense block when asked", () => {
    const { xs, ys } = synthetic(100, 4);
    const head = trainLogistic(
      xs,
      ys,
      balancedWeights(
        ys,
        ys.map(() => "s"),
      ),
      { ...options, useDense: false },
    );
    expect(head.dense).toBeNull();
  });

  it("rejects mismatched inputs", () => {
    expect(() => trainLogistic([], [1], [1], options)).toThrow();
  });
});

describe("balancedWeights", () => {
  it("gives each class half the weight and damps large sources", () => {
    const labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const sources = ["a", "a", "a", "b", "c", "c", "c", "c", "c", "c", "c", "d"];
    const w = balancedWeights(labels, sources);
    const pos = w.slice(0, 4).reduce((s, x) => s + x, 0);
    const neg = w.slice(4).reduce((s, x) => s + x, 0);
    expect(pos).toBeCloseTo(6);
    expect(neg).toBeCloseTo(6);
    // Source a (3 items) weighs sqrt(3) times source b (1 item) in total.
    expect((w[0]! * 3) / w[3]!).toBeCloseTo(Math.sqrt(3));
  });

  it("weighs a named source more within its class, keeping each class at half", () => {
    const labels = [1, 1, 0, 0, 0];
    const sources = ["a", "b", "c", "d", "d"];
    const plain = balancedWeights(labels, sources);
    const w = balancedWeights(labels, sources, undefined, { c: 3 });
    expect(w[2]! / w[3]!).toBeCloseTo((3 * plain[2]!) / plain[3]!);
    expect(w.slice(2).reduce((s, x) => s + x, 0)).toBeCloseTo(2.5);
    expect([...w.slice(0, 2)]).toEqual([...plain.slice(0, 2)]);
  });
});

describe("fitPlatt", () => {
  it("maps logits to [0,1], monotonically increasing", () => {
    const rand = mulberry32(5);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 500; i++) {
      const y = rand() < 0.2 ? 1 : 0;
      logits.push((y ? 1.5 : -1) + (rand() - 0.5) * 3);
      labels.push(y);
    }
    const p = fitPlatt(logits, labels);
    expect(p.a).toBeGreaterThan(0);
    let prev = -1;
    for (let z = -50; z <= 50; z += 0.5) {
      const s = 1 / (1 + Math.exp(-(p.a * z + p.b)));
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
  });

  it("is calibrated under equal priors on well-separated data", () => {
    // Logit z with P(y=1 | z) = sigmoid(2z - 1) under equal priors.
    const rand = mulberry32(9);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const z = (rand() - 0.5) * 8;
      logits.push(z);
      labels.push(rand() < 1 / (1 + Math.exp(-(2 * z - 1))) ? 1 : 0);
    }
    const p = fitPlatt(logits, labels);
    expect(p.a).toBeGreaterThan(1.6);
    expect(p.a).toBeLessThan(2.4);
  });

  it("falls back to the identity with one class", () => {
    expect(fitPlatt([1, 2], [1, 1])).toEqual({ a: 1, b: 0 });
  });

  it("never reverses the ranking, even on anti-correlated logits", () => {
    const p = fitPlatt([3, 2, 1, -1, -2, -3], [0, 0, 0, 1, 1, 1]);
    expect(p.a).toBeGreaterThan(0);
  });
});
