/**
 * Language-balanced example weights: a language seen mostly among negatives stops being a sign of the
 * negative class, and a model trained with them finds harmful text in that language where one trained
 * without them does not.
 */
import { describe, expect, it } from "vitest";
import type { FeatureVector } from "../features/types.js";
import { headLogit } from "../model/linear-head.js";
import { mulberry32 } from "./rng.js";
import { balancedWeights, trainLogistic } from "./trainer.js";

function shares(w: Float64Array, ys: number[], langs: string[], label: number): Map<string, number> {
  const out = new Map<string, number>();
  let total = 0;
  ys.forEach((y, i) => {
    if (y !== label) return;
    out.set(langs[i]!, (out.get(langs[i]!) ?? 0) + w[i]!);
    total += w[i]!;
  });
  for (const [k, v] of out) out.set(k, v / total);
  return out;
}

describe("balancedWeights with languages", () => {
  // 90 English positives and 10 German ones; 60 English negatives and 40 German ones, one source each.
  const ys: number[] = [...Array<number>(100).fill(1), ...Array<number>(100).fill(0)];
  const langs: string[] = [
    ...Array<string>(90).fill("en"),
    ...Array<string>(10).fill("de"),
    ...Array<string>(60).fill("en"),
    ...Array<string>(40).fill("de"),
  ];
  const sources = ys.map((y) => (y === 1 ? "pos" : "neg"));

  it("gives each shared language the same share of both classes, and each class half the weight", () => {
    const plain = balancedWeights(ys, sources);
    expect(shares(plain, ys, langs, 1).get("de")).toBeCloseTo(0.1, 6);
    expect(shares(plain, ys, langs, 0).get("de")).toBeCloseTo(0.4, 6);
    const w = balancedWeights(ys, sources, langs);
    const pos = shares(w, ys, langs, 1);
    const neg = shares(w, ys, langs, 0);
    expect(pos.get("de")).toBeCloseTo(neg.get("de")!, 6);
    expect(pos.get("en")).toBeCloseTo(neg.get("en")!, 6);
    const sum = (label: number) => w.reduce((a, x, i) => a + (ys[i] === label ? x : 0), 0);
    expect(sum(1)).toBeCloseTo(100, 6);
    expect(sum(0)).toBeCloseTo(100, 6);
  });

  it("leaves a language found in one class only as it was", () => {
    const l2 = langs.map((l, i) => (i >= 100 && i < 110 ? "fr" : l));
    const w = balancedWeights(ys, sources, l2);
    const plain = balancedWeights(ys, sources);
    // fr examples keep their weight relative to one another and to the class they are in.
    expect(w[100]! / w[101]!).toBeCloseTo(plain[100]! / plain[101]!, 9);
  });

  it("lets a model find the harmful feature in the language it mostly saw benign", () => {
    // Feature 1: harmful content (a shared signal); feature 2: "German". Harmful German is rare.
    const rand = mulberry32(3);
    const xs: FeatureVector[] = [];
    const y: number[] = [];
    const l: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const harmful = rand() < 0.5;
      const german = harmful ? rand() < 0.05 : rand() < 0.6;
      // The harmful signal is noisy (present in 70% of harmful texts, 10% of benign ones).
      const signal = harmful ? rand() < 0.7 : rand() < 0.1;
      const idx = [3 + Math.floor(rand() * 200)];
      if (signal) idx.push(1);
      if (german) idx.push(2);
      xs.push({ idx: Int32Array.from(idx), val: Float32Array.from(idx.map(() => 0.6)), dense: null });
      y.push(harmful ? 1 : 0);
      l.push(german ? "de" : "en");
    }
    const opts = { bits: 10, useDense: false, epochs: 5, learningRate: 0.3, l2: 1e-5, seed: 5 };
    const plain = trainLogistic(
      xs,
      y,
      balancedWeights(
        y,
        y.map(() => "s"),
      ),
      opts,
    );
    const balanced = trainLogistic(
      xs,
      y,
      balancedWeights(
        y,
        y.map(() => "s"),
        l,
      ),
      opts,
    );
    // A harmful German text: the harmful signal and the German feature.
    const text: FeatureVector = {
      idx: Int32Array.from([1, 2]),
      val: Float32Array.from([0.6, 0.6]),
      dense: null,
    };
    const english: FeatureVector = { idx: Int32Array.from([1]), val: Float32Array.from([0.6]), dense: null };
    // Without balancing, "German" pulls hard towards benign; with it, much less.
    const pull = (h: typeof plain) => headLogit(h, english) - headLogit(h, text);
    expect(pull(plain)).toBeGreaterThan(0.5);
    expect(pull(balanced)).toBeLessThan(pull(plain) / 2);
  });
});
