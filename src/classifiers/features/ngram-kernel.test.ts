import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createNgramWriter } from "./ngram-blocks.js";
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from "./types.js";

const base: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, embeddings: false };

/** Both versions of the n-gram stage on the same texts; their outputs as plain arrays. */
function both(config: FeatureConfig) {
  const wasm = createNgramWriter(config, { kernel: "wasm" });
  const js = createNgramWriter(config, { kernel: "js" });
  const run = (w: typeof wasm, words: string, chars: string) => {
    const { idx, val, extra } = w.write(words, chars, 3);
    return { idx: [...idx], val: [...val], extra: extra.length };
  };
  return {
    wasm,
    js,
    compare: (words: string, chars = words) => {
      expect(run(wasm, words, chars)).toEqual(run(js, words, chars));
    },
  };
}

// Units that exercise every rule: case, digits, runs of white space, punctuation, non-Latin letters
// and marks, astral letters and lone surrogates, and long runs of word units (cut at maxWordLength).
const parts = [
  "the",
  "Quick",
  "BROWN",
  "fox",
  "a",
  "I",
  "x7",
  "2024",
  " ",
  " ",
  "  ",
  "\t",
  "\n",
  "\u00a0",
  "\u3000",
  ".",
  ",",
  "!?",
  "--",
  "'",
  "\u00e9",
  "\u00c9t\u00c9",
  "\u0301",
  "\u0391\u03a3",
  "\u4f60\u597d",
  "\u0645\u0631",
  "\ud83d\ude00",
  "\ud800",
  "\udc00",
  "\u200b",
  "\uff21",
  "\u0130",
  "q".repeat(40),
  "ab".repeat(25),
];
const text = fc.array(fc.constantFrom(...parts), { maxLength: 120 }).map((a) => a.join(""));

describe("n-gram kernel (WebAssembly) against the JavaScript reference", () => {
  it("runs as WebAssembly on Node", () => {
    expect(createNgramWriter(base).kernel).toBe("wasm");
  });

  it("gives bit-identical features with the default config", () => {
    const { compare } = both(base);
    fc.assert(
      fc.property(text, text, (a, b) => {
        compare(a);
        compare(a, b);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("gives bit-identical features for other n-gram ranges, tiny tables and tight caps", () => {
    const configs = fc.record({
      hashBits: fc.integer({ min: 4, max: 12 }),
      charMinN: fc.integer({ min: 1, max: 5 }),
      span: fc.integer({ min: 0, max: 4 }),
      maxWords: fc.integer({ min: 0, max: 40 }),
      maxWordLength: fc.integer({ min: 1, max: 8 }),
      maxChars: fc.integer({ min: 0, max: 300 }),
      wordWeight: fc.constantFrom(1, 0.5, 2),
      charWeight: fc.constantFrom(1, 3),
    });
    fc.assert(
      fc.property(configs, text, text, (k, a, b) => {
        const config: FeatureConfig = {
          ...base,
          ...k,
          charMaxN: Math.min(5, k.charMinN + k.span),
        };
        const { compare } = both(config);
        compare(a);
        compare(a, b);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it("carries word state across chunks of a long text", () => {
    // More words than fit in one kernel text buffer (4096 units), split at every kind of point.
    const config: FeatureConfig = { ...base, maxWords: 5000, maxChars: 100 };
    const { compare } = both(config);
    const words = Array.from({ length: 3000 }, (_, i) => `w${i % 97}${"x".repeat(i % 5)}`);
    compare(words.join(" "));
    compare(words.join(" ... "));
    compare("y".repeat(10_000));
    compare(`${"a ".repeat(2047)}bc${"d".repeat(40)}`);
  });

  it("stops at maxWords and at the accumulator's capacity like the reference", () => {
    const { compare } = both({ ...base, maxWords: 3 });
    compare("one two three four five");
    const tight = both({ ...base, maxChars: 50, maxWords: 30, charMinN: 1, charMaxN: 5 });
    tight.compare("w ".repeat(500), "c".repeat(5000));
  });
});
