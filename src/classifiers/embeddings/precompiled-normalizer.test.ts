import { describe, expect, it } from "vitest";
import { PATTERNS as GRAPHEME_PATTERNS } from "./grapheme-clusters.js";
import { PATTERNS, PrecompiledNormalizer } from "./precompiled-normalizer.js";

// A few rules in the shape of the teacher's table (only shortest-prefix keys).
const rules: [string, string][] = [
  ["\t", " "],
  ["\r", " "],
  ["\n", " "],
  ["\u0001", ""],
  ["\uff41", "a"],
  ["\ufb01", "fi"],
  ["e\u0301", "\u00e9"],
  ["\u{1d400}", "A"],
  ["\u200b", " "],
];
const norm = new PrecompiledNormalizer(rules);

describe("PrecompiledNormalizer", () => {
  it("maps code points through the rules and leaves others alone", () => {
    expect(norm.normalize("\uff41b\ufb01\u0001c")).toBe("abfic");
    expect(norm.normalize("plain text")).toBe("plain text");
    expect(norm.normalize("\u{1d400}\u{1d400}")).toBe("AA");
  });

  it("collapses runs of spaces, including spaces produced by rules", () => {
    expect(norm.normalize("a  b\t\tc \u200b d")).toBe("a b c d");
    expect(norm.normalize("   ")).toBe(" ");
  });

  it("treats CR LF as one grapheme: the shortest rule ('\\r') replaces all of it", () => {
    expect(norm.normalize("a\r\nb")).toBe("a b");
    expect(norm.normalize("a\n\rb")).toBe("a b");
  });

  it("looks a short grapheme up whole before its code points", () => {
    expect(norm.normalize("caf\u0065\u0301")).toBe("caf\u00e9");
    // A grapheme whose first code point has a rule is replaced whole by that rule's value.
    expect(norm.normalize("\uff41\u0301x")).toBe("ax");
  });

  it("falls back to code points for graphemes of 6 or more UTF-8 bytes", () => {
    // "\uff41" + two combining marks = 7 bytes: mapped code point by code point.
    expect(norm.normalize("\uff41\u0301\u0302")).toBe("a\u0301\u0302");
  });

  it("exports its patterns (and grapheme-clusters') for the ReDoS check", () => {
    for (const list of [PATTERNS, GRAPHEME_PATTERNS]) {
      expect(list.length).toBeGreaterThan(0);
      for (const p of list) expect(p).toBeInstanceOf(RegExp);
    }
  });
});
