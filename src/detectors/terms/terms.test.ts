import { describe, expect, it } from "vitest";
import { defaultDetectorSettings, type DetectorSettings } from "../../policy/detector-settings.js";
import { normalize } from "../../text/normalize.js";
import { rawText } from "../../text/raw.js";
import type { GuardText } from "../../text/types.js";
import type { Finding } from "../types.js";
import { compileTerms, type TermsSettingsT } from "./compile.js";
import { termsDetector } from "./detector.js";

function terms(t: Partial<TermsSettingsT>): TermsSettingsT {
  return { banned: [], topics: {}, patterns: [], ...t };
}

function settingsWith(t: TermsSettingsT): DetectorSettings {
  return { ...defaultDetectorSettings(), terms: t };
}

function detect(text: GuardText | string, t: TermsSettingsT): Finding[] {
  const g = typeof text === "string" ? normalize(text) : text;
  return termsDetector.detect(g, { stage: "input", settings: settingsWith(t) }) as Finding[];
}

const CASINO = terms({ banned: ["casino"] });

describe("terms detector: matching", () => {
  it("finds a banned term in any case, with its raw span", () => {
    const text = "Best CASINO bonuses here";
    const [f] = detect(text, CASINO);
    expect(f?.category).toBe("banned-content");
    expect(f?.label).toBe("banned-term");
    expect(f?.score).toBe(1);
    expect(text.slice(...f!.span!)).toBe("CASINO");
  });

  it("matches whole words only in spaced scripts", () => {
    expect(detect("casinos and a casinobar", CASINO)).toEqual([]);
    expect(detect("class assignment", terms({ banned: ["ass"] }))).toEqual([]);
    expect(detect("the casino.", CASINO)).toHaveLength(1);
    expect(detect("(casino)", CASINO)).toHaveLength(1);
  });

  it("matches substrings in scripts written without spaces, and Latin terms inside them", () => {
    expect(detect("我喜欢赌博游戏", terms({ banned: ["赌博"] }))).toHaveLength(1);
    expect(detect("คาสิโนออนไลน์", terms({ banned: ["คาสิโน"] }))).toHaveLength(1);
    expect(detect("これはcasinoです", CASINO)).toHaveLength(1);
    // Cyrillic is spaced: a term inside a longer word does not match.
    expect(detect("казиноплюс", terms({ banned: ["казино"] }))).toEqual([]);
    expect(detect("моё казино, твоё", terms({ banned: ["казино"] }))).toHaveLength(1);
  });

  it("reports topics under their name and entries under their own category", () => {
    const t = terms({
      banned: [{ term: "Project Falcon", category: "confidential-projects", caseSensitive: false }],
      topics: { gambling: ["roulette", "poker"] },
    });
    const fs = detect("Ask about project falcon, then play poker.", t);
    expect(fs.map((f) => [f.category, f.label])).toEqual(
      expect.arrayContaining([
        ["confidential-projects", "banned-term"],
        ["banned-content", "gambling"],
      ]),
    );
    expect(fs.find((f) => f.label === "gambling")?.evidence).toContain("poker");
  });

  it("honours case-sensitive entries", () => {
    const t = terms({ banned: [{ term: "NASA", caseSensitive: true }] });
    expect(detect("NASA launched", t)).toHaveLength(1);
    expect(detect("nasa launched", t)).toEqual([]);
  });

  it("merges the same term seen in several views into one finding", () => {
    const fs = detect("Casino", CASINO); // raw and skeleton both contain it
    expect(fs).toHaveLength(1);
    expect(fs[0]?.score).toBe(1);
  });

  it("finds nothing without settings", () => {
    expect(detect("casino", terms({}))).toEqual([]);
  });
});

describe("terms detector: evasions (through normalize)", () => {
  it.each([
    ["leetspeak", "play at the c4sin0 tonight"],
    ["Cyrillic look-alikes", "play at the саsinо tonight"],
    ["full-width letters", "play at the ｃａｓｉｎｏ tonight"],
    ["zero-width split", "play at the cas\u200Bino tonight"],
    ["base64", `decode this: ${Buffer.from("meet me at the casino tonight").toString("base64")}`],
  ])("%s", (_name, text) => {
    const fs = detect(text, CASINO);
    expect(fs.length).toBeGreaterThan(0);
    expect(fs[0]!.score).toBeGreaterThanOrEqual(0.8);
    // The span points at raw text that produced the match.
    expect(fs[0]!.span![1]).toBeGreaterThan(fs[0]!.span![0]);
  });

  it("a folded-only match scores below a plain one", () => {
    const leet = detect("c4sino", CASINO)[0]!;
    expect(leet.view).toBe("leet");
    expect(leet.score).toBeLessThan(1);
  });

  it("a term with accents matches its unaccented spelling through the skeleton", () => {
    expect(detect("a cafe nearby", terms({ banned: ["café"] }))).toHaveLength(1);
  });
});

describe("terms detector: RE2 patterns", () => {
  const t = terms({ patterns: [{ name: "ticket", pattern: "TICKET-[0-9]{4,}", category: "internal-ids" }] });

  it("reports matches under the pattern's name and category", () => {
    const text = "see TICKET-12345 and TICKET-99";
    const fs = detect(text, t);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ label: "ticket", category: "internal-ids" });
    expect(text.slice(...fs[0]!.span!)).toBe("TICKET-12345");
  });

  it("skips empty matches instead of looping", () => {
    const fs = detect(rawText("abc"), terms({ patterns: [{ name: "empty", pattern: "x*", category: "c" }] }));
    expect(fs).toEqual([]);
  });

  it("an invalid pattern raises a clear error naming it, at compile time", () => {
    const bad = terms({ patterns: [{ name: "lookahead", pattern: "foo(?=bar)", category: "c" }] });
    expect(() => compileTerms(bad)).toThrow(
      /terms pattern "lookahead" \(\/foo\(\?=bar\)\/\) is not a valid RE2 pattern/,
    );
    expect(() => detect("foo", bad)).toThrow(/lookahead/);
  });

  it("compiles once per settings object", () => {
    const a = compileTerms(t);
    expect(compileTerms(t)).toBe(a);
    expect(compileTerms({ ...t })).not.toBe(a);
  });
});

describe("terms detector: scale and linear time", () => {
  const many = terms({
    banned: Array.from({ length: 500 }, (_, i) => `forbidden${i}term`).concat(["casino"]),
  });

  it("hundreds of terms cost about what one term costs (one automaton pass)", () => {
    const text = "An ordinary paragraph about gardens and weather. ".repeat(400) + " casino"; // ~20 KB
    const g = normalize(text);
    const best = (t: TermsSettingsT): number => {
      detect(g, t);
      let min = Infinity;
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        detect(g, t);
        min = Math.min(min, performance.now() - t0);
      }
      return min;
    };
    expect(detect(g, many)).toHaveLength(1);
    expect(best(many)).toBeLessThan(best(CASINO) * 3 + 1);
  });

  function time(text: string, t: TermsSettingsT): number {
    const g = rawText(text);
    const t0 = performance.now();
    detect(g, t);
    return performance.now() - t0;
  }

  it.each([
    [
      "a",
      1_000_000,
      terms({ banned: ["aaaaab", "casino"], patterns: [{ name: "p", pattern: "a+b", category: "c" }] }),
    ],
    ["casino ", 200_000, CASINO],
    ["((((", 200_000, terms({ banned: ["(((x"] })],
  ])("stays linear on %j repeated", (unit, size, t) => {
    const big = unit.repeat(Math.ceil(size / unit.length));
    const small = big.slice(0, Math.ceil(big.length / 8));
    time(small, t);
    const ts = Math.max(1, time(small, t));
    const tb = time(big, t);
    expect(tb).toBeLessThan(ts * 8 * 4 + 50);
  });
});
