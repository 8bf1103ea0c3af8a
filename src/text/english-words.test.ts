import { describe, expect, it } from "vitest";
import { wordHash } from "./decoders/common-words.js";
import { isEnglishWordHash } from "./english-words.js";

describe("isEnglishWordHash", () => {
  it("knows common English words of four letters or more from the installed word list", () => {
    for (const w of ["chaos", "hate", "items", "steal", "poison", "instructions"])
      expect(isEnglishWordHash(wordHash(w)), w).toBe(true);
  });

  it("does not know letter salad, leet folds of names, or short words (the curated list has those)", () => {
    for (const w of ["ooffoo", "iobopgo", "covidig", "gpta", "cat", "the"])
      expect(isEnglishWordHash(wordHash(w)), w).toBe(false);
  });
});
