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
  // both are exact only if every character that can compose with the one before it "joins" it.
  it("treats every second half of a canonical composition as joining (exhaustive)", () => {
    const missing: string[] = [];
    for (let cp = 0xc0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const d = s.normalize("NFD");
      if (d === s) continue;
      const parts = [...d];
      if (parts.length !== 2 || d.normalize("NFC") !== s) continue;
      const second = parts[1]!.codePointAt(0) as number;
      const alone = String.fromCodePoint(second);
      if (!joinsPrevious(second) && alone.normalize("NFKC") === alone) missing.push(second.toString(16));
    }
    // Hangul syllables compose algorithmically from jamo, which joinsPrevious covers by range.
    expect(joinsPrevious(0x1161) && joinsPrevious(0x11a8)).toBe(true);
    expect([...new Set(missing)]).toEqual([]);
  });
});
