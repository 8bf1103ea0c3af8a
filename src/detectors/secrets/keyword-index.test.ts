import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywordIndex } from "./keyword-index.js";

/** Every (keyword, start) occurrence, case-insensitively, by brute force. */
function naive(keywords: string[], text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  keywords.forEach((k, id) => {
    for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) out.push(`${id}@${i}`);
  });
  return out.sort();
}

function viaIndex(keywords: string[], text: string): string[] {
  const hits = new KeywordIndex(keywords).scan(text);
  const out: string[] = [];
  for (let i = 0; i < hits.count; i++) out.push(`${hits.keyword[i]}@${hits.start[i]}`);
  return out.sort();
}

describe("KeywordIndex", () => {
  it("finds overlapping and nested keywords, ignoring case", () => {
    const kws = ["he", "she", "his", "hers", "-----begin", "xoxb-"];
    const text = "USHERS said: HIS and Hers. -----BEGIN key xoxb-xoxb-";
    expect(viaIndex(kws, text)).toEqual(naive(kws, text));
  });

  it("reuses its scratch across scans: a long scan grows it, a later short one reads right", () => {
    const index = new KeywordIndex(["ab", "b"]);
    const read = (text: string) => {
      const hits = index.scan(text);
      const out: string[] = [];
      for (let i = 0; i < hits.count; i++) out.push(`${hits.keyword[i]}@${hits.start[i]}`);
      return out.sort();
    };
    const long = "ab ".repeat(100);
    expect(read(long)).toEqual(naive(["ab", "b"], long));
    expect(read("xx ab")).toEqual(["0@3", "1@4"]);
    expect(read("none here")).toEqual([]);
  });

  it("treats non-ASCII characters as non-matching", () => {
    expect(viaIndex(["key"], "kéy k\u0435y key")).toEqual(["0@8"]);
  });

  it("agrees with brute force on random texts and keyword sets", () => {
    const alphabet = fc.constantFrom(..."abAB-_.:/ xé0");
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => a.join("").toLowerCase());
    fc.assert(
      fc.property(
        fc.uniqueArray(
          word.filter((w) => [...w].every((c) => c.charCodeAt(0) < 128)),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(alphabet, { maxLength: 200 }).map((a) => a.join("")),
        (kws, text) => {
          expect(viaIndex(kws, text)).toEqual(naive(kws, text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects keywords it cannot match", () => {
    expect(() => new KeywordIndex(["Key"])).toThrow(/lower-case/);
    expect(() => new KeywordIndex(["clé"])).toThrow(/ASCII/);
    expect(() => new KeywordIndex([""])).toThrow(/empty/);
  });
});
