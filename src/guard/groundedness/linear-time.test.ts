/**
 * Indexing a context and checking an answer take time linear in their lengths, on ordinary text and
 * on inputs built to hit the slow paths: long runs of one character, of separators, of capitalised
 * words, of quotes, of number words, and a word repeated in every sentence of both answer and context.
 */
import { describe, expect, it } from "vitest";
import { checkGroundedness } from "./check.js";
import { buildContextIndex } from "./context-index.js";

const repeatTo = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/**
 * Best of nine runs of indexing `text` as a context and checking `text` as an answer against it.
 * (The sizes stay small enough for the tokens to live in V8's young generation: past that, garbage
 * collection alone grows faster than the input on a loaded machine, which would blur what this test
 * looks for — a quadratic step shows as 64x on 8x the input at any size.)
 */
function bestMs(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    buildContextIndex([text]);
    checkGroundedness(text, [text, ""]);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const SHAPES: Array<[string, string]> = [
  ["prose", "The Oberoi Group, founded in 1934, runs 31 hotels in Delhi and Mumbai. "],
  ["one character", "a"],
  ["digits", "7"],
  ["digit separators", "1,"],
  ["capitalised words", "Alpha "],
  ["connectors between capitals", "Bank of "],
  ["quotes", '"a" '],
  ["number words", "one hundred "],
  ["month names", "March 1 "],
  ["one word per sentence", "xy. "],
  ["apostrophes", "a'"],
];

describe("groundedness time is linear", () => {
  it.each(SHAPES)("%s", (_name, unit) => {
    const n = 4_000;
    const smallText = repeatTo(unit, n);
    const largeText = repeatTo(unit, 8 * n);
    bestMs(smallText); // warm up at both sizes
    bestMs(largeText);
    // Linear is 8x; quadratic would be 64x on every attempt. Up to three attempts, so that a burst of
    // load on a shared machine during one of them does not decide.
    let ratio = Infinity;
    for (let attempt = 0; attempt < 3 && ratio >= 8 * 4; attempt++) {
      ratio = Math.min(ratio, bestMs(largeText) / Math.max(bestMs(smallText), 0.05));
    }
    expect(ratio).toBeLessThan(8 * 4);
  });

  it("checks a 200 KB answer against a 200 KB context in well under a second", () => {
    const text = repeatTo("Delhi is the head office. ", 200_000);
    const t0 = performance.now();
    checkGroundedness(repeatTo("Mumbai is not the head office. ", 200_000), [text]);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
