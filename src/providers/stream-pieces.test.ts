/** Assembly of streamed pieces, and linear time of every text loop in this room on pathological input. */
import { describe, expect, it } from "vitest";
import { trimTrailingSlashes } from "./defaults.js";
import { statusError } from "./errors.js";
import { responseToChunks, wordChunks } from "./stream-chunks.js";
import { chunkText, countWords } from "./testing/mock-shared.js";
import { ToolCallAssembler } from "./tool-call-assembler.js";

describe("ToolCallAssembler", () => {
  it("assembles interleaved fragments by index", () => {
    const a = new ToolCallAssembler();
    a.add({ index: 0, id: "c0", name: "f", arguments: "" });
    a.add({ index: 1, id: "c1", name: "g", arguments: '{"x"' });
    a.add({ index: 0, arguments: '{"a":' });
    a.add({ index: 1, arguments: ":2}" });
    a.add({ index: 0, arguments: "1}" });
    expect(a.finish()).toEqual([
      { id: "c0", name: "f", arguments: '{"a":1}' },
      { id: "c1", name: "g", arguments: '{"x":2}' },
    ]);
  });

  it("copes with servers that omit index or id, or repeat the name", () => {
    const a = new ToolCallAssembler();
    a.add({ id: "c0", name: "f", arguments: "{" });
    a.add({ name: "f", arguments: "}" });
    a.add({ id: "c1", name: "g", arguments: "[]" });
    a.add({ index: 5, name: "h" });
    expect(a.finish()).toEqual([
      { id: "c0", name: "f", arguments: "{}" },
      { id: "c1", name: "g", arguments: "[]" },
      { id: "call_5", name: "h", arguments: "" },
    ]);
  });
});

describe("stream chunking", () => {
  it("splits into words with their trailing space, losslessly", () => {
    expect(wordChunks("  lead and\ttabs \n")).toEqual(["  ", "lead ", "and\t", "tabs \n"]);
    expect(wordChunks("")).toEqual([]);
    const text = "Ünïcödé 👋 words\u00a0here";
    expect(wordChunks(text).join("")).toBe(text);
  });

  it("orders text, tool calls, finish", () => {
    expect(
      responseToChunks({
        text: "a b",
        toolCalls: [{ id: "1", name: "t", arguments: "{}" }],
        finishReason: "tool_calls",
      }).map((c) => c.type),
    ).toEqual(["text", "text", "tool-call", "finish"]);
  });

  it("never splits a surrogate pair in mock deltas", () => {
    expect(chunkText("a👋b👋", 1)).toEqual(["a", "👋", "b", "👋"]);
    expect(countWords("  one two\n three ")).toBe(3);
  });
});

function timeOf(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe("linear time", () => {
  const cases: Array<[string, (n: number) => () => unknown]> = [
    ["trimTrailingSlashes on a run of slashes", (n) => () => trimTrailingSlashes("/".repeat(n) + "x")],
    ["trimTrailingSlashes on all slashes", (n) => () => trimTrailingSlashes("/".repeat(n))],
    ["wordChunks on one character", (n) => () => wordChunks("a".repeat(n))],
    ["wordChunks on alternating space", (n) => () => wordChunks("a ".repeat(n / 2))],
    ["countWords on spaces", (n) => () => countWords(" ".repeat(n))],
    ["chunkText", (n) => () => chunkText("x".repeat(n), 4)],
    ["server message clipping", (n) => () => statusError(500, { baseURL: "u" }, " a".repeat(n / 2))],
  ];
  for (const [label, make] of cases)
    it(label, () => {
      const n = 25_000;
      const small = timeOf(make(n));
      const large = timeOf(make(8 * n));
      // 8x the input should cost about 8x; allow generous slack for a noisy machine, far below 64x.
      expect(large).toBeLessThan(Math.max(small, 0.05) * 24);
    });

  it("handles 200 KB of one character", () => {
    const big = "a".repeat(200_000);
    const t0 = performance.now();
    expect(wordChunks(big)).toHaveLength(1);
    expect(trimTrailingSlashes("/".repeat(200_000))).toBe("");
    expect(countWords(big)).toBe(1);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
