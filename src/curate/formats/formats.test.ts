import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyTurnTexts } from "./apply.js";
import { detectFormat, formatByName, UnknownFormatError } from "./detect.js";
import { transcriptTurns } from "./hh-transcript.js";
import type { FormatName, ParsedRecord } from "./types.js";

const FIXTURES = join(process.cwd(), "test", "fixtures", "curate");

function records(file: string): unknown[] {
  return readFileSync(join(FIXTURES, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown);
}

function parse(format: FormatName, value: unknown): ParsedRecord {
  const p = formatByName(format).parse(value);
  if (typeof p === "string") throw new Error(p);
  return p;
}

/** Every turn's text upper-cased, written back: a change that shows where each turn was read from. */
function shout(value: unknown, parsed: ParsedRecord): unknown {
  return applyTurnTexts(value, parsed.turns, new Map(parsed.turns.map((t, i) => [i, t.text.toUpperCase()])));
}

const CASES: Array<[string, FormatName]> = [
  ["openai.jsonl", "openai"],
  ["sharegpt.jsonl", "sharegpt"],
  ["alpaca.jsonl", "alpaca"],
  ["preference.jsonl", "preference"],
  ["preference-chat.jsonl", "preference"],
  ["hh.jsonl", "preference"],
  ["text.jsonl", "text"],
];

describe("format detection and round trips", () => {
  for (const [file, format] of CASES) {
    it(`detects ${file} as ${format} and round-trips every record`, () => {
      const values = records(file);
      expect(detectFormat(values).name).toBe(format);
      for (const v of values) {
        const parsed = parse(format, v);
        expect(parsed.turns.length).toBeGreaterThan(0);
        // Writing the same texts back gives the same record; writing changed texts changes only them.
        const same = applyTurnTexts(v, parsed.turns, new Map(parsed.turns.map((t, i) => [i, t.text])));
        expect(same).toEqual(v);
        const changed = shout(v, parsed);
        expect(changed).not.toBe(v);
        const reparsed = parse(format, changed);
        expect(reparsed.turns.map((t) => t.text)).toEqual(parsed.turns.map((t) => t.text.toUpperCase()));
        expect(reparsed.turns.map((t) => t.role)).toEqual(parsed.turns.map((t) => t.role));
        expect(v).toEqual(records(file)[values.indexOf(v)]); // the input record is not modified
      }
    });
  }

  it("reads roles, parts and tool calls of OpenAI chats", () => {
    const [plain, parts, tools] = records("openai.jsonl").map((v) => parse("openai", v));
    expect(plain!.turns.map((t) => t.role)).toEqual(["system", "user", "assistant"]);
    expect(parts!.turns.map((t) => t.text)).toEqual([
      "What is the capital of France?",
      "The capital of France is Paris.",
    ]);
    expect(tools!.turns.map((t) => t.role)).toEqual(["user", "tool-call", "tool", "assistant"]);
  });

  it("reads Alpaca input as a context turn and history before the instruction", () => {
    const [withInput, , withHistory] = records("alpaca.jsonl").map((v) => parse("alpaca", v));
    expect(withInput!.turns.map((t) => t.role)).toEqual(["user", "context", "assistant"]);
    expect(withHistory!.turns.map((t) => t.text)).toEqual([
      "Name a primary colour.",
      "Yellow.",
      "And one more?",
      "Blue.",
    ]);
  });

  it("gives preference records two threads sharing the prompt, with sides", () => {
    const p = parse("preference", records("preference.jsonl")[1]);
    expect(p.turns.map((t) => `${t.side}:${t.role}`)).toEqual([
      "prompt:system",
      "prompt:user",
      "chosen:assistant",
      "rejected:assistant",
    ]);
    expect(p.threads).toEqual([
      [0, 1, 2],
      [0, 1, 3],
    ]);
    const implicit = parse("preference", records("preference-chat.jsonl")[1]);
    expect(implicit.threads[1]!.map((i) => implicit.turns[i]!.text)).toEqual(["Say hello.", "No."]);
  });

  it("splits HH transcripts into turns and splices a changed turn back in place", () => {
    const s = "\n\nHuman: Hi there\n\nAssistant: Hello!  \n\nHuman: Bye\n\nAssistant: Goodbye.";
    const turns = transcriptTurns(s, ["chosen"]);
    expect(turns.map((t) => [t.role, t.text])).toEqual([
      ["user", "Hi there"],
      ["assistant", "Hello!"],
      ["user", "Bye"],
      ["assistant", "Goodbye."],
    ]);
    const out = applyTurnTexts(
      { chosen: s },
      turns,
      new Map([
        [1, "Hey, [NAME_1]!"],
        [3, "See you."],
      ]),
    ) as {
      chosen: string;
    };
    expect(out.chosen).toBe(
      "\n\nHuman: Hi there\n\nAssistant: Hey, [NAME_1]!  \n\nHuman: Bye\n\nAssistant: See you.",
    );
    expect(transcriptTurns("Human: start\n\nAssistant: ok", ["x"]).map((t) => t.text)).toEqual([
      "start",
      "ok",
    ]);
  });

  it("rejects records that do not fit, naming what is wrong", () => {
    expect(formatByName("openai").parse({ messages: [{ role: "robot", content: "x" }] })).toMatch(
      /messages\[0\] has role "robot"/,
    );
    expect(formatByName("sharegpt").parse({ conversations: [{ from: "gpt", value: 3 }] })).toMatch(
      /value must be a string/,
    );
    expect(formatByName("alpaca").parse({ instruction: "x", output: 4 })).toMatch(/output must be a string/);
    expect(formatByName("preference").parse({ chosen: 1, rejected: "x" })).toMatch(/chosen must be a string/);
  });

  it("fails on an unknown format with one error naming the supported formats", () => {
    const err = (() => {
      try {
        detectFormat(records("unknown.jsonl"), '"unknown.jsonl"');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnknownFormatError);
    const msg = (err as Error).message;
    expect(msg).toContain("keys seen: question, answer");
    for (const f of ["openai", "sharegpt", "alpaca", "preference", "text"]) expect(msg).toContain(f);
    expect(msg.split("\n")).toHaveLength(1);
    expect(() => formatByName("csv")).toThrow(/unknown format "csv"/);
  });

  it("detects by majority when a few records are odd", () => {
    const values = [...records("sharegpt.jsonl"), { text: "stray" }, ...records("sharegpt.jsonl")];
    expect(detectFormat(values).name).toBe("sharegpt");
  });

  it("splits transcripts in linear time, however the markers interleave", () => {
    const time = (s: string) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        transcriptTurns(s, ["x"]);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    for (const unit of ["\n\nHuman: hi", "\n\nAssistant: ok", "\n\nHuman:\n\nAssistant:", "\n\nHum"]) {
      const small = unit.repeat(20_000 / unit.length);
      const large = unit.repeat(160_000 / unit.length);
      time(small);
      time(large);
      const ts = time(small);
      const tl = time(large);
      expect(tl, `${JSON.stringify(unit)}: ${ts.toFixed(1)} ms at n, ${tl.toFixed(1)} ms at 8n`).toBeLessThan(
        Math.max(ts, 2) * 8 * 3,
      );
    }
  });
});
