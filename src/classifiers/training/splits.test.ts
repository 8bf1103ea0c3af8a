import { describe, expect, it } from "vitest";
import { capPerSource } from "./prepare.js";
import { partOf, splitIndices } from "./splits.js";
import type { Example } from "./types.js";

const ex = (text: string, group?: string, source = "s", label: 0 | 1 = 1): Example => ({
  text,
  label,
  source,
  group,
});

describe("splits", () => {
  it("keeps every member of a group in one part", () => {
    const examples: Example[] = [];
    for (let g = 0; g < 200; g++)
      for (let v = 0; v < 5; v++) examples.push(ex(`behaviour ${g} variant ${v}`, `g${g}`));
    const parts = splitIndices(examples, 3);
    for (let g = 0; g < 200; g++) {
      const where = new Set(examples.slice(g * 5, g * 5 + 5).map((e) => partOf(e, 3)));
      expect(where.size).toBe(1);
    }
    const n = examples.length;
    expect(parts.train.length + parts.val.length + parts.test.length).toBe(n);
    expect(parts.train.length / n).toBeGreaterThan(0.6);
    expect(parts.test.length / n).toBeGreaterThan(0.08);
  });

  it("is seeded: the same seed gives the same split, another seed another", () => {
    const examples = Array.from({ length: 300 }, (_, i) => ex(`text ${i}`));
    expect(splitIndices(examples, 1)).toEqual(splitIndices(examples, 1));
    expect(splitIndices(examples, 1)).not.toEqual(splitIndices(examples, 2));
  });

  it("puts identical ungrouped texts together", () => {
    expect(partOf(ex("same text", undefined, "a"), 5)).toBe(partOf(ex("same text", undefined, "b"), 5));
  });
});

describe("capPerSource", () => {
  it("caps each (source, label) deterministically and keeps order", () => {
    const examples = [
      ...Array.from({ length: 50 }, (_, i) => ex(`a${i}`, undefined, "big", 0)),
      ...Array.from({ length: 5 }, (_, i) => ex(`b${i}`, undefined, "small", 1)),
    ];
    const kept = capPerSource(examples, 10, 1);
    expect(kept.filter((e) => e.source === "big")).toHaveLength(10);
    expect(kept.filter((e) => e.source === "small")).toHaveLength(5);
    expect(capPerSource(examples, 10, 1)).toEqual(kept);
    const idx = kept.map((e) => examples.indexOf(e));
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
  });
});
