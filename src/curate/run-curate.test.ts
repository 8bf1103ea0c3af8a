import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chat, EXAMPLES as X } from "../../test/fixtures/curate/examples.js";
import { CurateError } from "./errors.js";
import { curateFile, type CurateFileOptions } from "./run-curate.js";

const dir = mkdtempSync(join(tmpdir(), "curate-run-"));

function files(name: string) {
  return {
    out: join(dir, `${name}.clean.jsonl`),
    rejected: join(dir, `${name}.rejected.jsonl`),
    report: join(dir, `${name}.report.md`),
  };
}

function write(name: string, lines: string[]): string {
  const p = join(dir, `${name}.jsonl`);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

/** A mixed input: unique records, duplicates, personal data, and two malformed lines. */
function mixedLines(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 7) lines.push("{not json");
    if (i === 11) lines.push(JSON.stringify({ prompt: "wrong shape" }));
    const body =
      i % 10 === 3
        ? `Call me at jane.roe${i}@example.com about item ${i}.`
        : `Item ${i} is number ${i * 37} in the list.`;
    lines.push(JSON.stringify({ id: i, text: body }));
    if (i % 5 === 0)
      lines.push(JSON.stringify({ id: `dup-${i}`, text: ` ITEM ${i} is number ${i * 37} in the list` }));
  }
  return lines;
}

const FAST = ["privacy", "dedup", "language"];

describe("curateFile", () => {
  it("writes clean, rejected and a redacted report; reports malformed lines by number and goes on", async () => {
    const input = write("mixed", [
      JSON.stringify(chat(["user", X.bananaRequest], ["assistant", X.bananaReply])),
      "{oops",
      JSON.stringify(chat(["user", X.phishingRequest], ["assistant", X.phishingReply])),
      JSON.stringify({ text: "not a chat" }),
      JSON.stringify(chat(["user", "How can I reach you?"], ["assistant", X.pii])),
      JSON.stringify(chat(["user", X.bananaRequest], ["assistant", X.bananaReply])),
    ]);
    const f = files("mixed");
    const bad: string[] = [];
    const s = await curateFile({ input, ...f, onBadLine: (line, why) => bad.push(`${line}: ${why}`) });
    expect(s.format).toBe("openai");
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/^2: not valid JSON/);
    expect(bad[1]).toMatch(/^4: not an openai record/);
    expect(s.stats).toMatchObject({ records: 4, kept: 1, repaired: 1, rejected: 2, malformed: 2 });
    const clean = readFileSync(f.out, "utf8").trim().split("\n");
    expect(clean).toHaveLength(2);
    expect(clean[1]).toContain("[EMAIL_1]");
    const rejected = readFileSync(f.rejected, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; reasons: { reason: string }[] });
    expect(rejected.map((r) => [r.line, r.reasons.map((x) => x.reason)])).toEqual([
      [3, ["harmful-compliance"]],
      [6, ["duplicate"]],
    ]);
    const report = readFileSync(f.report, "utf8");
    expect(report).toMatch(/\| harmful-compliance \| 1 \|/);
    expect(report).toMatch(/\| duplicate \| 1 \|/);
    expect(report).toContain("line 2: not valid JSON");
    expect(report).toContain("\\[EMAIL\\_1\\]");
    expect(report).not.toContain("jane.roe@example.com");
    expect(existsSync(`${f.out}.checkpoint.json`)).toBe(false);
  });

  it("fails on an unknown format with one line naming the supported formats", async () => {
    const input = write("unknown", [JSON.stringify({ question: "q", answer: "a" })]);
    await expect(curateFile({ input, ...files("unknown") })).rejects.toThrow(CurateError);
    await expect(curateFile({ input, ...files("unknown") })).rejects.toThrow(
      /^cannot tell the format .*keys seen: question, answer\); supported formats: .*; choose one with --format$/,
    );
    await expect(curateFile({ input, ...files("unknown"), format: "text" })).resolves.toMatchObject({
      stats: { records: 0, malformed: 1 },
    });
  });

  it("resumes a stopped run without writing anything twice, matching an uninterrupted run", async () => {
    const input = write("resume", mixedLines(3000));
    const full = files("full");
    const base: Omit<CurateFileOptions, "out" | "rejected" | "report"> = {
      input,
      checks: FAST,
      checkpointEvery: 100,
    };
    const whole = await curateFile({ ...base, ...full });
    expect(whole.complete).toBe(true);

    const part = files("part");
    const controller = new AbortController();
    const first = await curateFile({
      ...base,
      ...part,
      signal: controller.signal,
      onProgress: ({ records }) => {
        if (records >= 1500) controller.abort();
      },
    });
    expect(first.complete).toBe(false);
    expect(readFileSync(part.report, "utf8")).toContain("interrupted");
    expect(existsSync(`${part.out}.checkpoint.json`)).toBe(true);
    // Lines written after the checkpoint (none here, but a killed run leaves some) are cut on resume.
    writeFileSync(part.out, readFileSync(part.out, "utf8") + '{"partial": tr');
    const second = await curateFile({ ...base, ...part, resume: true });
    expect(second.complete).toBe(true);
    expect(second.resumed).toBe(true);
    expect(readFileSync(part.out, "utf8")).toBe(readFileSync(full.out, "utf8"));
    expect(readFileSync(part.rejected, "utf8")).toBe(readFileSync(full.rejected, "utf8"));
    expect(second.stats).toMatchObject({
      records: whole.stats.records,
      kept: whole.stats.kept,
      rejected: whole.stats.rejected,
      malformed: whole.stats.malformed,
      byReason: whole.stats.byReason,
    });
    expect(existsSync(`${part.out}.checkpoint.json`)).toBe(false);
  });

  it("refuses to resume with other options or a changed input", async () => {
    const input = write("refuse", mixedLines(500));
    const f = files("refuse");
    const controller = new AbortController();
    await curateFile({
      input,
      ...f,
      checks: FAST,
      checkpointEvery: 50,
      signal: controller.signal,
      onProgress: ({ records }) => {
        if (records >= 100) controller.abort();
      },
    });
    await expect(curateFile({ input, ...f, checks: FAST, dedup: "exact", resume: true })).rejects.toThrow(
      /options or the policy differ/,
    );
    writeFileSync(input, readFileSync(input, "utf8") + JSON.stringify({ text: "more" }) + "\n");
    await expect(curateFile({ input, ...f, checks: FAST, resume: true })).rejects.toThrow(
      /changed since the checkpoint/,
    );
  });
});
