/**
 * `guardstack curate` as a user runs it: a child process on the built dist/ (through the fixture
 * test/fixtures/curate/cli.mjs, which registers the curate commands as the main CLI does), including a
 * run killed with SIGKILL mid-file and resumed.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = join(process.cwd(), "test", "fixtures", "curate", "cli.mjs");
const dir = mkdtempSync(join(tmpdir(), "curate-cli-"));

function gs(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function outputs(name: string) {
  return {
    out: join(dir, `${name}.clean.jsonl`),
    rejected: join(dir, `${name}.rejected.jsonl`),
    report: join(dir, `${name}.md`),
  };
}

function args(input: string, o: ReturnType<typeof outputs>, extra: string[] = []): string[] {
  return ["curate", input, "--out", o.out, "--rejected", o.rejected, "--report", o.report, ...extra];
}

/** Many short records with duplicates and personal data sprinkled in, so both outputs grow. */
function bigInput(): string {
  const p = join(dir, "big.jsonl");
  const lines: string[] = [];
  for (let i = 0; i < 15_000; i++) {
    const text =
      i % 7 === 0
        ? `Write to reader${i}@example.com about order ${i}.`
        : `Order ${i} of ${(i * 7919) % 10007} shipped from depot ${i % 13} on day ${i % 365}.`;
    lines.push(JSON.stringify({ id: i, text }));
    if (i % 9 === 0) lines.push(JSON.stringify({ id: `copy-${i}`, text: text.toUpperCase() }));
  }
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

const FAST = ["--checks", "privacy,dedup,language", "--checkpoint-every", "200"];

describe("guardstack curate (child process)", () => {
  it("resumes a run killed mid-file without duplicating output", async () => {
    const input = bigInput();
    const whole = outputs("whole");
    const w = gs(args(input, whole, FAST));
    expect(w.code, w.stderr).toBe(0);

    const part = outputs("part");
    const checkpoint = `${part.out}.checkpoint.json`;
    const child = spawn(process.execPath, [CLI, ...args(input, part, FAST)], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Kill it hard once it has checkpointed part of the file.
    for (let i = 0; i < 2000 && !existsSync(checkpoint); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(checkpoint), "the run checkpointed").toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const cp = JSON.parse(readFileSync(checkpoint, "utf8")) as { offset: number; input: { size: number } };
    expect(cp.offset).toBeGreaterThan(0);
    expect(cp.offset).toBeLessThan(cp.input.size);

    const r = gs(args(input, part, [...FAST, "--resume"]));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming at line \d+/);
    expect(readFileSync(part.out, "utf8")).toBe(readFileSync(whole.out, "utf8"));
    expect(readFileSync(part.rejected, "utf8")).toBe(readFileSync(whole.rejected, "utf8"));
    const ids = readFileSync(part.out, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { id: unknown }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(existsSync(checkpoint)).toBe(false);
    expect(readFileSync(part.report, "utf8")).toContain("resumed from a checkpoint");
  }, 240_000);

  it("reports a malformed line with its number on stderr and goes on", () => {
    const input = join(dir, "bad.jsonl");
    writeFileSync(input, ['{"text": "fine"}', "{broken", '{"text": "also fine"}'].join("\n") + "\n");
    const o = outputs("bad");
    const r = gs(args(input, o, ["--checks", "privacy,dedup"]));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${input}:2: not valid JSON`);
    expect(r.stderr).toMatch(/2 records: 2 kept, 0 repaired, 0 rejected; 1 malformed lines/);
    expect(readFileSync(o.out, "utf8").trim().split("\n")).toHaveLength(2);
    // Not a terminal: no progress bar.
    expect(r.stderr).not.toMatch(/[░█]/);
  });

  it("fails on an unknown format with one line naming the supported formats", () => {
    const input = join(dir, "unknown.jsonl");
    writeFileSync(input, '{"question": "q", "answer": "a"}\n');
    const r = gs(args(input, outputs("unknown")));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/supported formats: preference .*openai .*sharegpt .*alpaca .*text/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("rejects a bad option value in one line", () => {
    const r = gs(args(join(dir, "big.jsonl"), outputs("opt"), ["--dedup", "fuzzy"]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dedup "fuzzy": use one of exact, near, off');
  });
});
