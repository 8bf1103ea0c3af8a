import RE2 from "re2";
import { describe, expect, it } from "vitest";
import { parseRegex, prng, sampleRegex } from "./sample-from-regex.js";

describe("sampleRegex", () => {
  const patterns = [
    String.raw`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`,
    String.raw`(?i)[\w.-]{0,50}?(?:adafruit)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([a-z0-9_-]{32})(?:[\x60'"\s;]|\\[nr]|$)`,
    String.raw`\b(pat[[:alnum:]]{14}\.[a-f0-9]{64})\b`,
    String.raw`\b(hf_(?i:[a-z]{34}))(?:[\x60'"\s;]|\\[nr]|$)`,
    String.raw`\bZXlK(?:(?P<alg>aGJHY2lPaU)|(?P<apu>aGNIVWlPaU))[a-zA-Z0-9\/\\_+\-\r\n]{40,}={0,2}`,
    String.raw`[^\s"']{3,8}x`,
  ];
  for (const src of patterns) {
    it(`produces strings the pattern matches: ${src.slice(0, 40)}`, () => {
      const re = new RE2(src);
      const rand = prng(5);
      for (let k = 0; k < 20; k++) {
        const s = sampleRegex(src, rand);
        expect(re.test(s), s).toBe(true);
      }
    });
  }

  it("keeps a token's own spelling under a leading (?i) but varies the name around it", () => {
    const src = String.raw`(?i)(?:npm)[_ ]token=(npm_[a-z0-9]{36})`;
    const seen = new Set<string>();
    const rand = prng(11);
    for (let k = 0; k < 40; k++) {
      const s = sampleRegex(src, rand);
      expect(s).toMatch(/=npm_[a-z0-9]{36}$/);
      seen.add(s.slice(0, 3));
    }
    expect(seen).toEqual(new Set(["npm", "NPM"]));
  });

  it("is deterministic for a seed and rejects unsupported syntax", () => {
    const src = String.raw`sk_live_[A-Za-z0-9]{24}`;
    expect(sampleRegex(src, prng(3))).toBe(sampleRegex(src, prng(3)));
    expect(() => parseRegex("(?<=x)y")).toThrow();
  });
});
