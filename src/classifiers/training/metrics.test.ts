import { describe, expect, it } from "vitest";
import {
  binaryMetrics,
  metricsByGroup,
  nextUp,
  pooledHeldOut,
  recallAtFpr,
  rocAuc,
  thresholdAtFpr,
  type HeldOutPoint,
} from "./metrics.js";

describe("rocAuc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it("matches a hand count of positive-negative pairs, ties counting half", () => {
    // pos: 0.9, 0.4, 0.3 ; neg: 0.4, 0.2
    // pairs: (0.9>0.4) 1, (0.9>0.2) 1, (0.4=0.4) .5, (0.4>0.2) 1, (0.3<0.4) 0, (0.3>0.2) 1 -> 4.5 / 6
    expect(rocAuc([0.9, 0.4, 0.3, 0.4, 0.2], [1, 1, 1, 0, 0])).toBeCloseTo(0.75, 12);
  });

  it("is NaN with one class", () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe("thresholds at a target FPR", () => {
  it("lets through at most the allowed share of negatives", () => {
    const neg = Array.from({ length: 200 }, (_, i) => i / 200); // 0 .. 0.995
    const t = thresholdAtFpr(neg, 0.01); // 2 negatives allowed: 0.995 and 0.99
    expect(neg.filter((s) => s >= t).length).toBe(2);
    expect(t).toBeGreaterThan(0.985);
    expect(t).toBeLessThanOrEqual(0.99);
  });

  it("keeps tied negatives below the threshold", () => {
    const t = thresholdAtFpr([0.7, 0.7, 0.7, 0.1], 0.3); // 1 allowed, but three tie at 0.7
    expect(t).toBe(nextUp(0.7));
  });

  it("is -Infinity when every negative may pass", () => {
    expect(thresholdAtFpr([0.3], 1)).toBe(-Infinity);
  });

  it("recall at 1% FPR counts positives above the 1%-FPR threshold", () => {
    const scores: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 100; i++) {
      scores.push(i / 100); // negatives 0 .. 0.99
      labels.push(0);
    }
    // 1 negative allowed (0.99); threshold just above 0.98.
    for (const s of [0.999, 0.985, 0.5, 0.2]) {
      scores.push(s);
      labels.push(1);
    }
    expect(recallAtFpr(scores, labels, 0.01)).toBe(0.5);
    expect(recallAtFpr([0.9], [1], 0.01)).toBeNaN();
  });
});

describe("binaryMetrics", () => {
  it("computes the confusion ratios at a threshold", () => {
    const m = binaryMetrics([0.9, 0.6, 0.4, 0.7, 0.2, 0.1], [1, 1, 1, 0, 0, 0], 0.5);
    expect([m.tp, m.fn, m.fp, m.tn]).toEqual([2, 1, 1, 2]);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.fpr).toBeCloseTo(1 / 3);
    expect(m.auc).toBeCloseTo(7 / 9);
  });

  it("leaves undefined ratios NaN", () => {
    const m = binaryMetrics([0.1, 0.2], [0, 0], 0.5);
    expect(m.recall).toBeNaN();
    expect(m.precision).toBeNaN();
    expect(m.fpr).toBe(0);
  });

  it("breaks down by group", () => {
    const by = metricsByGroup([0.9, 0.1, 0.8, 0.7], [1, 0, 1, 0], ["a", "a", "b", "b"], 0.5);
    expect([...by.keys()]).toEqual(["a", "b"]);
    expect(by.get("a")!.auc).toBe(1);
    expect(by.get("b")!.fpr).toBe(1);
  });
});

describe("pooledHeldOut", () => {
  const pt = (score: number, label: 0 | 1, source: string): HeldOutPoint => ({ score, label, source });

  it("equals the plain ROC-AUC when every source has one item per class", () => {
    const points = [pt(0.9, 1, "a"), pt(0.4, 1, "b"), pt(0.3, 1, "c"), pt(0.4, 0, "d"), pt(0.2, 0, "e")];
    const plain = rocAuc(
      points.map((p) => p.score),
      points.map((p) => p.label),
    );
    expect(pooledHeldOut(points, []).auc).toBeCloseTo(plain, 12);
  });

  it("weighs each source the same, however many items it has", () => {
    // 100 negatives of source "big" score above every positive; 1 negative of "small" below them all.
    const points = [
      ...Array.from({ length: 100 }, () => pt(0.95, 0, "big")),
      pt(0.05, 0, "small"),
      pt(0.5, 1, "p"),
    ];
    // Unweighted the positive beats 1 of 101 negatives; weighted, one of two equal sources.
    expect(pooledHeldOut(points, []).auc).toBeCloseTo(0.5, 12);
  });

  it("finds the recall at a share of pooled negatives, never passing more than that share", () => {
    // Two negative sources of equal weight: "n1" has 4 items (each 1/8 of the negatives), "n2" 1 (1/2).
    const points = [
      pt(0.9, 1, "p"),
      pt(0.8, 0, "n1"),
      pt(0.7, 1, "p"),
      pt(0.6, 1, "p"),
      pt(0.5, 0, "n2"),
      pt(0.4, 1, "p"),
      pt(0.1, 0, "n1"),
      pt(0.1, 0, "n1"),
      pt(0.1, 0, "n1"),
    ];
    const r = pooledHeldOut(points, [0, 0.125, 0.6, 0.625]).recallAtFpr.map((x) => x.recall);
    expect(r).toEqual([0.25, 0.75, 0.75, 1]);
  });

  it("is NaN without both classes", () => {
    const r = pooledHeldOut([pt(0.5, 1, "a")], [0.01]);
    expect(r.auc).toBeNaN();
    expect(r.recallAtFpr[0]!.recall).toBeNaN();
  });
});
