/** The embedding block's training-time transform, folded into the weights, scores exactly as trained. */
import { describe, expect, it } from "vitest";
import { languageDirections } from "../embeddings/language-subspace.js";
import type { FeatureVector } from "../features/types.js";
import { headLogit, type LinearHead } from "../model/linear-head.js";
import { foldDense, transformFeatures, type DenseTransform } from "./dense-transform.js";
import { mulberry32 } from "./rng.js";

const DIMS = 16;

function randomVector(rand: () => number): Float32Array {
  return Float32Array.from({ length: DIMS }, () => rand() - 0.5);
}

describe("dense transform", () => {
  const rand = mulberry32(11);
  // Four "languages": one content vector plus a language offset each.
  const content = randomVector(rand);
  const offsets = [0, 1, 2, 3].map(() => randomVector(rand));
  const means = offsets.map((o) => Float32Array.from(content, (c, d) => c + o[d]!));
  const directions = languageDirections(means);
  const t: DenseTransform = { scale: 2, directions, description: "test" };

  it("finds orthonormal directions that make the language means equal", () => {
    expect(directions).toHaveLength(3);
    for (const [i, u] of directions.entries())
      for (const [j, v] of directions.entries()) {
        const dot = u.reduce((a, x, d) => a + x * v[d]!, 0);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    const projected = means.map((m) =>
      transformFeatures({ idx: new Int32Array(), val: new Float32Array(), dense: m }, t),
    );
    for (const p of projected.slice(1))
      for (let d = 0; d < DIMS; d++) expect(p.dense![d]).toBeCloseTo(projected[0]!.dense![d]!, 5);
  });

  it("scores plain features with folded weights as the trained weights scored transformed ones", () => {
    for (let k = 0; k < 20; k++) {
      const head: LinearHead = {
        bits: 4,
        weights: new Float32Array(16),
        dense: randomVector(rand),
        bias: 0.3,
      };
      const x: FeatureVector = {
        idx: Int32Array.from([1]),
        val: Float32Array.from([0.5]),
        dense: randomVector(rand),
      };
      const before = Float32Array.from(x.dense!);
      const trained = headLogit(head, transformFeatures(x, t));
      expect(Array.from(x.dense!)).toEqual(Array.from(before)); // the shared features are not touched
      expect(headLogit(foldDense(head, t), x)).toBeCloseTo(trained, 5);
    }
  });

  it("is the identity without a transform", () => {
    const x: FeatureVector = { idx: new Int32Array(), val: new Float32Array(), dense: randomVector(rand) };
    expect(transformFeatures(x, undefined)).toBe(x);
  });
});
