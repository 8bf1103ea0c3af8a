import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCheckpoint, writeCheckpoint, type Checkpoint } from "./checkpoint.js";
import { readLines } from "./line-reader.js";
import { OutputFile } from "./output-file.js";

const dir = mkdtempSync(join(tmpdir(), "curate-io-"));

async function all(path: string, opts = {}) {
  const out = [];
  for await (const l of readLines(path, opts)) out.push(l);
  return out;
}

describe("line reader", () => {
  const path = join(dir, "lines.jsonl");
  const text = 'first\r\n{"é": "ünïcode ✓"}\n\nlast without newline';
  writeFileSync(path, text);

  for (const chunkBytes of [1, 3, 7, 1 << 16]) {
    it(`gives exact byte ranges and line numbers (chunks of ${chunkBytes} bytes)`, async () => {
      const lines = await all(path, { chunkBytes });
      expect(lines.map((l) => l.text)).toEqual(["first", '{"é": "ünïcode ✓"}', "", "last without newline"]);
      expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
      const bytes = Buffer.from(text);
      for (const l of lines) expect(bytes.subarray(l.start, l.end).toString()).toContain(l.text ?? "");
      expect(lines.at(-1)!.end).toBe(bytes.length);
      expect(lines[1]!.start).toBe(lines[0]!.end);
    });
  }

  it("resumes from a line's end offset with continued line numbers", async () => {
    const lines = await all(path);
    const rest = await all(path, { startOffset: lines[1]!.end, startLine: 2 });
    expect(rest.map((l) => [l.line, l.text])).toEqual([
      [3, ""],
      [4, "last without newline"],
    ]);
  });

  it("reports an over-long line without holding it, and goes on", async () => {
    const p = join(dir, "long.jsonl");
    writeFileSync(p, `short\n${"x".repeat(5000)}\nafter\n`);
    const lines = await all(p, { maxLineBytes: 1000, chunkBytes: 256 });
    expect(lines.map((l) => l.text)).toEqual(["short", null, "after"]);
    expect(lines[1]!.end - lines[1]!.start).toBe(5001);
  });
});

describe("output file and checkpoint", () => {
  it("knows its length, and on resume cuts back to a recorded length", () => {
    const p = join(dir, "out.jsonl");
    const f = new OutputFile(p);
    f.write("one\n");
    f.write("två\n");
    expect(f.length).toBe(9);
    f.sync();
    f.write("three\n");
    f.close();
    expect(readFileSync(p, "utf8")).toBe("one\ntvå\nthree\n");
    const g = new OutputFile(p, 9);
    g.write("drei\n");
    g.close();
    expect(readFileSync(p, "utf8")).toBe("one\ntvå\ndrei\n");
    expect(() => new OutputFile(p, 1000)).toThrow(/shorter than/);
  });

  it("round-trips a checkpoint and refuses a damaged one", () => {
    const p = join(dir, "cp.json");
    expect(readCheckpoint(p)).toBeUndefined();
    const cp: Checkpoint = {
      version: 1,
      input: { path: "/x", size: 10, mtimeMs: 1 },
      fingerprint: "abc",
      format: "openai",
      offset: 5,
      line: 1,
      outputs: { clean: 3, rejected: 0 },
      stats: {
        records: 1,
        kept: 1,
        repaired: 0,
        rejected: 0,
        malformed: 0,
        bytes: 5,
        elapsedMs: 1,
        byReason: {},
        labels: {},
        examples: {},
        badLines: [],
      },
    };
    writeCheckpoint(p, cp);
    expect(readCheckpoint(p)).toEqual(cp);
    writeFileSync(p, "{not json");
    expect(() => readCheckpoint(p)).toThrow(/damaged/);
    writeFileSync(p, JSON.stringify({ ...cp, version: 9 }));
    expect(() => readCheckpoint(p)).toThrow(/damaged or from another version/);
  });
});
