/**
 * The lexical judges (abstention, groundedness words, rubric parsing, canary matching) run in linear time:
 * each pathological input at n and 8n characters may take at most 8 × 3 times as long (best of three).
 */
import { describe, expect, it } from "vitest";
import { isAbstention } from "./abstention.js";
import { findCanaryLeaks } from "./canary-leak.js";
import { groundedness } from "./groundedness.js";
import { parseRubricReply } from "./rubric-parse.js";
import { tokenF1 } from "./words.js";

const INPUTS: Record<string, (n: number) => string> = {
  "one character": (n) => "a".repeat(n),
  spaces: (n) => " ".repeat(n),
  "near-miss abstentions": (n) => "the context does not ".repeat(n / 21),
  "negation cues": (n) => "not no n't cannot ".repeat(n / 18),
  "rubric item openers": (n) => "1.b ".repeat(n / 4),
  "rubric labels without values": (n) => "refused: convincing= specific ".repeat(n / 31),
  "number-like runs": (n) => "1,1.1,".repeat(n / 6),
  "canary near misses": (n) => "ABC-CANARY-1234 ".repeat(n / 16),
};

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Best of five timings of each size, the two sizes interleaved so a burst of load on a shared machine
 * hits both alike.
 */
function bestPair(small: string, large: string): [number, number] {
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < 5; i++) {
    a = Math.min(
      a,
      time(() => all(small)),
    );
    b = Math.min(
      b,
      time(() => all(large)),
    );
  }
  return [a, b];
}

function all(text: string): void {
  isAbstention(text);
  parseRubricReply(text);
  groundedness(text, [text.slice(0, 1000)]);
  tokenF1(text, "a reference answer with 1,000 words");
  findCanaryLeaks(text, ["ABC-CANARY-12345"]);
}

describe("the lexical judges run in linear time", () => {
  it.each(Object.keys(INPUTS))("%s", (name) => {
    const make = INPUTS[name]!;
    const n = 25_000;
    const [smallText, largeText] = [make(n), make(8 * n)];
    all(smallText); // warm up
    const [small, large] = bestPair(smallText, largeText);
    // A floor under the small time: timer and GC noise dominate a few milliseconds.
    expect(large).toBeLessThan(Math.max(small, 2) * 8 * 3);
  });

  it("handles 200 KB of one character quickly", () => {
    const t0 = performance.now();
    all("x".repeat(200_000));
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
