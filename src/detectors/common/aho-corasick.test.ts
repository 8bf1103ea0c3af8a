import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AhoCorasick } from "./aho-corasick.js";

type Hit = [number, number, number];

function all(ac: AhoCorasick, text: string): Hit[] {
  const out: Hit[] = [];
  ac.scan(text, (p, s, e) => out.push([p, s, e]));
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/** Every occurrence of every pattern, by brute force on case-folded strings. */
function naive(patterns: string[], text: string): Hit[] {
  const out: Hit[] = [];
  const t = text.toLowerCase();
  patterns.forEach((p, id) => {
    const q = p.toLowerCase();
    for (let i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + 1)) out.push([id, i, i + q.length]);
  });
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

describe("AhoCorasick", () => {
  it("reports overlapping and nested matches, ignoring case", () => {
    const ac = new AhoCorasick(["he", "she", "his", "hers"]);
    expect(all(ac, "uSHErs")).toEqual([
      [1, 1, 4],
      [0, 2, 4],
      [3, 2, 6],
    ]);
  });

  it("matches non-ASCII and astral patterns", () => {
    const ac = new AhoCorasick(["赌博", "ÉTÉ", "😀x"]);
    expect(all(ac, "在赌博 été 😀X")).toEqual([
      [0, 1, 3],
      [1, 4, 7],
      [2, 8, 11],
    ]);
  });

  it("dense and sparse automata agree with brute force", () => {
    const alphabet = fc.constantFrom("a", "b", "A", "é", "c");
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.string({ unit: alphabet, maxLength: 60 }),
        (patterns, text) => {
          const expected = naive(patterns, text);
          expect(all(new AhoCorasick(patterns), text)).toEqual(expected);
          const sparse = new AhoCorasick(patterns, { denseLimit: 0 });
          expect(sparse.dense).toBe(false);
          expect(all(sparse, text)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("test() stops at the first match", () => {
    expect(new AhoCorasick(["xyz"]).test("abc xyz")).toBe(true);
    expect(new AhoCorasick(["xyz"]).test("abc xy z")).toBe(false);
    expect(new AhoCorasick(["xyz"], { denseLimit: 0 }).test("xyz")).toBe(true);
  });

  it("rejects an empty pattern", () => {
    expect(() => new AhoCorasick(["a", ""])).toThrow(/empty pattern/);
  });
});
