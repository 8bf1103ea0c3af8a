/**
 * Deterministic benchmark texts of fixed sizes. Prose comes from the shared Wikipedia sample; the "chat"
 * mix interleaves real first user turns (hh-rlhf helpful) with the kinds of content detectors look for
 * (fake personal data, a fake key, a link), so latency is measured on text that exercises the detectors.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SIZES = [200, 2048, 20480] as const;

function prose(dataDir: string): string {
  const file = join(dataDir, "wikipedia-articles-sample", "wiki_demo.txt");
  if (!existsSync(file))
    throw new Error(`benchmark data missing: ${file} (set GUARDSTACK_DATA to the datasets folder)`);
  return readFileSync(file, "utf8").slice(0, 400_000);
}

function chatTurns(dataDir: string): string[] {
  const file = join(dataDir, "hh-rlhf-helpful-test", "first_human_turns.jsonl");
  const turns: string[] = [];
  for (const line of readFileSync(file, "utf8").split("\n").slice(0, 3000)) {
    if (!line.trim()) continue;
    const v = JSON.parse(line) as Record<string, unknown>;
    const t = Object.values(v).find((x): x is string => typeof x === "string" && x.length > 20);
    if (t) turns.push(t);
  }
  return turns;
}

// Fake values (documentation test numbers), spliced in so detectors have work to do.
const SPICE = [
  " You can reach me at jane.roe@example.com or +1 415 555 0132.",
  " My card is 4111 1111 1111 1111.",
  " See https://docs.example.com/guide?ref=newsletter for details.",
  " export API_TOKEN=ghp_R2d2C3poBb8kX9mQw7TzLp4Nv6Hs1Jy0Ke3F",
];

function fit(source: string, size: number, offset: number): string {
  const start = offset % Math.max(1, source.length - size);
  return source.slice(start, start + size);
}

export interface BenchTexts {
  prose: Record<number, string>;
  chat: Record<number, string>;
}

export function benchTexts(dataDir: string): BenchTexts {
  const p = prose(dataDir);
  const turns = chatTurns(dataDir);
  let mixed = "";
  for (let i = 0; mixed.length < 25_000; i++) {
    mixed += (turns[i % turns.length] ?? "") + "\n";
    if (i % 4 === 3) mixed += SPICE[(i / 4) % SPICE.length] + "\n";
  }
  const out: BenchTexts = { prose: {}, chat: {} };
  for (const size of SIZES) {
    out.prose[size] = fit(p, size, 1000);
    out.chat[size] = mixed.slice(0, size);
  }
  return out;
}
