import { describe, expect, it } from "vitest";
import { LabelledScores, parseLabel, parsePositives, renderSummary } from "./label-metrics.js";

describe("parseLabel", () => {
  it("reads 1/0, booleans and yes/no words in any case, as numbers or strings", () => {
    expect([1, "1", true, "true", "Yes", " TRUE "].map((v) => parseLabel(v, null))).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect([0, "0", false, "false", "no", "NO"].map((v) => parseLabel(v, null))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("names what it cannot read, and with --positive reads every other value as negative", () => {
    expect(parseLabel("unsafe", null)).toMatch(/label "unsafe" is not 1\/0.*--positive/);
    expect(parseLabel(undefined, null)).toBe("no label");
    expect(parseLabel({ a: 1 }, null)).toMatch(/is not a string or number/);
    const positives = parsePositives("Unsafe, jailbreak,");
    expect(positives).toEqual(new Set(["unsafe", "jailbreak"]));
    expect(["UNSAFE", "jailbreak", "safe", "benign", 2].map((v) => parseLabel(v, positives))).toEqual([
      1, 1, 0, 0, 0,
    ]);
    expect(parsePositives(" , ")).toBeNull();
  });
});

describe("LabelledScores", () => {
  it("counts the flags against the labels and ranks by score", () => {
    const s = new LabelledScores();
    // Positives score 0.9, 0.8, 0.3; negatives 0.7, 0.2, 0.1, 0.05. Flags: the first two positives and 0.7.
    s.add(0.9, 1, true);
    s.add(0.8, 1, true);
    s.add(0.3, 1, false);
    s.add(0.7, 0, true);
    s.add(0.2, 0, false);
    s.add(0.1, 0, false);
    s.add(0.05, 0, false);
    const m = s.summary();
    expect(m).toMatchObject({ n: 7, positives: 3, negatives: 4, tp: 2, fp: 1, tn: 3, fn: 1 });
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.fpr).toBeCloseTo(1 / 4, 12);
    // Pairs ranked right: 0.9 and 0.8 above all 4 negatives, 0.3 above 3 of them: 11 of 12.
    expect(m.auc).toBeCloseTo(11 / 12, 12);
    // At 1% of 4 negatives none may pass: the threshold sits above 0.7, so 2 of 3 positives.
    expect(m.recallAtFpr[0]).toEqual({ fpr: 0.01, recall: 2 / 3 });
    const text = renderSummary(m);
    expect(text).toMatch(/^labels: 7 texts, 3 positive, 4 negative$/m);
    expect(text).toMatch(/precision 66\.7%, recall 66\.7%, F1 0\.667, false positives 25\.0%/);
    expect(text).toMatch(/ROC-AUC 0\.917/);
  });

  it("says n/a where a figure is undefined (one class only, no flag)", () => {
    const s = new LabelledScores();
    s.add(0.1, 0, false);
    s.add(0.2, 0, false);
    const m = s.summary();
    expect(Number.isNaN(m.precision)).toBe(true);
    expect(Number.isNaN(m.auc)).toBe(true);
    expect(renderSummary(m)).toMatch(/precision n\/a, recall n\/a, F1 n\/a, false positives 0\.0%/);
    expect(renderSummary(m)).toMatch(/ROC-AUC n\/a \(needs both classes\)/);
  });
});
