import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURE_CONFIG } from "../features/types.js";
import type { ClassifierModel } from "./classifier.js";
import { decodeFloat16, encodeFloat16, fromFloat16Bits, roundToFloat16, toFloat16Bits } from "./float16.js";
import { emptyHead } from "./linear-head.js";
import { parseModel, serializeModel } from "./weights-format.js";

function randomModel(): ClassifierModel {
  const head = emptyHead(10, 8);
  head.weights.forEach((_, i) => (head.weights[i] = Math.sin(i) * 3));
  head.dense!.forEach((_, i) => (head.dense![i] = i / 7));
  head.bias = -0.25;
  roundToFloat16(head.weights);
  const cat = emptyHead(6, 8);
  cat.weights[3] = 0.5;
  return {
    task: "harm",
    version: 1,
    features: { ...DEFAULT_FEATURE_CONFIG, hashBits: 10 },
    head,
    platt: { a: 1.3, b: -0.2 },
    operatingPoint: { threshold: 0.83, name: "1.0% FPR on validation negatives", targetFpr: 0.01 },
    categoryHeads: { categories: ["hate", "violent-crimes"], heads: [cat, emptyHead(6, null)] },
    info: { seed: 1, note: "ünïcødé" },
  };
}

describe("float16", () => {
  it("round-trips exactly representable values and rounds others to nearest", () => {
    for (const v of [0, 1, -2, 0.5, 65504, -65504, 2 ** -24, 0.333251953125]) {
      expect(fromFloat16Bits(toFloat16Bits(v))).toBe(v);
    }
    expect(fromFloat16Bits(toFloat16Bits(1 / 3))).toBeCloseTo(1 / 3, 3);
    expect(fromFloat16Bits(toFloat16Bits(1e6))).toBe(Infinity);
    expect(fromFloat16Bits(toFloat16Bits(1e-9))).toBe(0);
    expect(fromFloat16Bits(toFloat16Bits(NaN))).toBeNaN();
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    const back = decodeFloat16(encodeFloat16(values));
    values.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(Math.abs(v) / 1024 + 1e-7));
  });
});

describe("weights file", () => {
  it("round-trips a model exactly (weights already rounded to float16)", () => {
    const model = randomModel();
    const buf = serializeModel(model);
    expect(buf.subarray(0, 8).toString("ascii")).toBe("GSCLS001");
    const back = parseModel(buf);
    expect(back.task).toBe("harm");
    expect(back.features).toEqual(model.features);
    expect(back.platt).toEqual(model.platt);
    expect(back.operatingPoint).toEqual(model.operatingPoint);
    expect(back.info).toEqual(model.info);
    expect([...back.head.weights]).toEqual([...model.head.weights]);
    expect([...back.head.dense!]).toEqual([...model.head.dense!]);
    expect(back.head.bias).toBe(-0.25);
    expect(back.categoryHeads!.categories).toEqual(["hate", "violent-crimes"]);
    expect(back.categoryHeads!.heads[0]!.weights[3]).toBe(0.5);
    expect(back.categoryHeads!.heads[1]!.dense).toBeNull();
  });

  it("parses from an unaligned offset inside a larger buffer", () => {
    const buf = serializeModel(randomModel());
    const big = Buffer.alloc(buf.length + 3);
    buf.copy(big, 3);
    expect(parseModel(big.subarray(3)).head.bias).toBe(-0.25);
  });

  it("rejects other files and truncation", () => {
    expect(() => parseModel(Buffer.from("not a model at all"))).toThrow(/not a guardstack/);
    const buf = serializeModel(randomModel());
    expect(() => parseModel(buf.subarray(0, buf.length - 100))).toThrow(/truncated/);
  });
});
