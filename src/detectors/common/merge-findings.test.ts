import { describe, expect, it } from "vitest";
import type { Finding } from "../types.js";
import { mergeFindings } from "./merge-findings.js";

const f = (label: string, span: [number, number], score: number, view = "raw"): Finding => ({
  detector: "d",
  category: "c",
  label,
  span,
  score,
  view,
});

describe("mergeFindings", () => {
  it("keeps the highest score of overlapping findings with the same label, spanning their union", () => {
    const out = mergeFindings([
      f("a", [0, 5], 0.5, "raw"),
      f("a", [3, 9], 0.9, "skeleton"),
      f("a", [20, 25], 0.4),
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ score: 0.9, span: [0, 9], view: "skeleton" });
    expect(out[1]).toMatchObject({ score: 0.4, span: [20, 25] });
  });

  it("keeps different labels and touching spans apart", () => {
    expect(mergeFindings([f("a", [0, 5], 0.5), f("b", [0, 5], 0.5)])).toHaveLength(2);
    expect(mergeFindings([f("a", [0, 5], 0.5), f("a", [5, 8], 0.5)])).toHaveLength(2);
  });
});
