import { describe, expect, it } from "vitest";
import { cutOnCodePoint, firstSpaceCut, isSentenceBoundary } from "./boundaries.js";
import { ReleasePlanner } from "./release-planner.js";

/** Every p at which a sentence boundary is reported. */
function boundaries(text: string): number[] {
  const out: number[] = [];
  for (let p = 0; p <= text.length; p++) if (isSentenceBoundary(text, p)) out.push(p);
  return out;
}

describe("isSentenceBoundary", () => {
  it("finds sentence ends followed by white space, after closers too", () => {
    expect(boundaries("One. Two! Three? Four")).toEqual([5, 10, 17]);
    expect(boundaries('He said "stop." Then left.')).toEqual([16]);
    expect(boundaries("It is **bold.** Next")).toEqual([16]);
    expect(boundaries("a line\n\nnext para")).toEqual([8]);
  });

  it("finds full-width ends without a space", () => {
    expect(boundaries("東京です。大阪です！")).toEqual([5, 10]);
  });

  it("does not end a sentence at initials, list numbers or abbreviations", () => {
    expect(boundaries("Ask J. Smith or Dr. Who at 5 St. James, e.g. today")).toEqual([]);
    expect(boundaries("1. first\n2. second")).toEqual([]);
    expect(boundaries("Pay 3.50 now")).toEqual([]);
  });

  it("needs the following white space to be there", () => {
    expect(boundaries("Done.")).toEqual([]);
    expect(boundaries("Done.x")).toEqual([]);
    expect(boundaries("a\nb")).toEqual([]);
  });
});

describe("cuts", () => {
  it("firstSpaceCut skips a partial word at the start", () => {
    expect(firstSpaceCut("lo world")).toBe(3);
    expect(firstSpaceCut("nospace")).toBe(-1);
  });

  it("cutOnCodePoint never splits a surrogate pair", () => {
    const s = "a😀b";
    expect(cutOnCodePoint(s, 2)).toBe(1);
    expect(cutOnCodePoint(s, 3)).toBe(3);
  });
});

describe("ReleasePlanner", () => {
  const limits = { holdChars: 40, lookaheadChars: 15, maxHoldChars: 100 };

  it("offers nothing until a sentence ends, then up to the last sentence end", () => {
    const p = new ReleasePlanner(limits);
    expect(p.candidate("Hello there")).toBe(0);
    expect(p.candidate("Hello there. Next")).toBe(13);
    expect(p.candidate("Hello there. Next one. And")).toBe(23);
  });

  it("past holdChars, releases at a space that keeps lookaheadChars back", () => {
    const p = new ReleasePlanner(limits);
    const text = "word ".repeat(9); // 45 characters, no sentence end
    const cut = p.candidate(text);
    expect(cut).toBeGreaterThan(0);
    expect(text.length - cut).toBeGreaterThanOrEqual(limits.lookaheadChars);
    expect(text[cut - 1]).toBe(" ");
  });

  it("cuts a text without spaces only past maxHoldChars", () => {
    const p = new ReleasePlanner(limits);
    expect(p.candidate("x".repeat(99))).toBe(0);
    expect(p.candidate("x".repeat(100))).toBe(100 - limits.lookaheadChars);
  });

  it("shifts its state when text is released", () => {
    const p = new ReleasePlanner(limits);
    expect(p.candidate("One. Two. Thr")).toBe(10);
    p.consume(10);
    expect(p.candidate("Thr")).toBe(0);
    expect(p.candidate("Three. ")).toBe(7);
  });
});
