import { describe, expect, it } from "vitest";
import {
  charClass,
  DIGIT,
  isEmojiLike,
  isJoiningScript,
  joinsPrevious,
  LETTER,
  MARK,
  scriptNames,
  scriptOf,
} from "./char-class.js";
import { CYRILLIC, GREEK, LATIN, OTHER } from "./char-class.js";

describe("char classes", () => {
  it("classifies letters, marks and digits in any script", () => {
    expect(charClass(0x61)).toBe(LETTER);
    expect(charClass(0x0416)).toBe(LETTER); // Ж
    expect(charClass(0x0301)).toBe(MARK);
    expect(charClass(0x0663)).toBe(DIGIT); // Arabic-Indic three
    expect(charClass(0x1d400)).toBe(LETTER); // 𝐀
    expect(charClass(0x2013)).toBe(0); // en dash
  });

  it("knows the scripts used as Latin look-alikes", () => {
    expect(scriptOf(0x61)).toBe(LATIN);
    expect(scriptOf(0xe9)).toBe(LATIN);
    expect(scriptOf(0x0430)).toBe(CYRILLIC);
    expect(scriptOf(0x03bf)).toBe(GREEK);
    expect(scriptOf(0x4e2d)).toBe(OTHER);
    expect(scriptOf(0x31)).toBe(0);
    expect(scriptNames(LATIN | CYRILLIC)).toBe("Latin+Cyrillic");
  });

  it("recognises emoji and joining scripts", () => {
    expect(isEmojiLike(0x1f468)).toBe(true);
    expect(isEmojiLike(0x2764)).toBe(true);
    expect(isEmojiLike(0x61)).toBe(false);
    expect(isJoiningScript(0x0645)).toBe(true);
    expect(isJoiningScript(0x0915)).toBe(true);
    expect(isJoiningScript(0x61)).toBe(false);
  });

  // NFKC is applied cluster by cluster, and text without joiners is checked character by character:
  // both are exact only if every character that can compose with the one before it "joins" it, and so
  // does every character whose decomposition begins with such a one (U+FFC2 becomes the vowel U+1161).
  it("treats every second half of a canonical composition, and all that normalise to one, as joining (exhaustive)", () => {
    const secondHalves = new Set<number>();
    for (let cp = 0xc0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const d = s.normalize("NFD");
      if (d === s) continue;
      const parts = [...d];
      if (parts.length !== 2 || d.normalize("NFC") !== s) continue;
      secondHalves.add(parts[1]!.codePointAt(0) as number);
    }
    // Hangul syllables compose algorithmically from jamo: medial vowels and final consonants.
    for (let cp = 0x1161; cp <= 0x1175; cp++) secondHalves.add(cp);
    for (let cp = 0x11a8; cp <= 0x11c2; cp++) secondHalves.add(cp);
    const missing: string[] = [];
    for (let cp = 0xa0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const first = s.normalize("NFKD").codePointAt(0) as number;
      const composes = secondHalves.has(cp) || secondHalves.has(first);
      if (composes && !joinsPrevious(cp)) missing.push(cp.toString(16));
    }
    expect(missing).toEqual([]);
    // The compatibility forms the first version of this check let through.
    expect(
      joinsPrevious(0xffc2) && joinsPrevious(0x314f) && joinsPrevious(0x3133) && joinsPrevious(0x16d68),
    ).toBe(true);
    expect(joinsPrevious(0xffa1) || joinsPrevious(0x3260)).toBe(false); // leading consonants do not join
    expect("\u3260\uffc2".normalize("NFKC")).toBe("\uac00");
  });
});
