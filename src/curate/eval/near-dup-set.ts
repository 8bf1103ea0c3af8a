/**
 * A deduplication test set with planted near duplicates: distinct base texts (Wikipedia chunks, C4 web
 * pages, HH-RLHF assistant replies), then a copy of a seeded quarter of them, each changed one way
 * (edited words, reordered sentences, spacing/case/punctuation, or all three). Bases come first, copies
 * after in shuffled order, as a stream. Bases that are exact duplicates of each other after dedup
 * normalisation are dropped; natural near duplicates among bases stay, and count against precision.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seededSample, seededShuffle } from "../../classifiers/training/datasets/read/sample.js";
import { transcriptTurns } from "../formats/hh-transcript.js";
import { dedupText } from "../dedup/dedup-text.js";
import { EDITS, plant, seededRandom, type Edit } from "../dedup/plant.js";

export interface PlantedText {
  text: string;
  /** For a planted copy: the index of its base in the list; null for a base. */
  base: number | null;
  edit?: Edit;
}

function wikiChunks(dataDir: string): string[] {
  const text = readFileSync(join(dataDir, "wikipedia-articles-sample", "wiki_demo.txt"), "utf8");
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(". ", start + 500);
    if (end < 0 || end - start > 1500) end = Math.min(text.length, start + 800);
    else end += 1;
    out.push(text.slice(start, end).trim());
    start = end + 1;
  }
  return out.filter((t) => t.length >= 200);
}

function c4(dataDir: string): string[] {
  return readFileSync(join(dataDir, "c4-sample", "c4_demo.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => (JSON.parse(l) as { text: string }).text.slice(0, 1500))
    .filter((t) => t.length >= 200);
}

function hhReplies(dataDir: string): string[] {
  const out: string[] = [];
  for (const file of ["helpful-base_test.jsonl", "helpful-online_test.jsonl"])
    for (const line of readFileSync(join(dataDir, "hh-rlhf-helpful-test", file), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const chosen = (JSON.parse(line) as { chosen?: string }).chosen ?? "";
      const last = transcriptTurns(chosen, ["chosen"]).at(-1);
      if (last?.role === "assistant" && last.text.length >= 150) out.push(last.text);
    }
  return out;
}

export function plantedSet(dataDir: string, bases: number, copyShare = 0.25): PlantedText[] {
  const seen = new Set<string>();
  const pool: string[] = [];
  for (const t of [...wikiChunks(dataDir), ...c4(dataDir), ...hhReplies(dataDir)]) {
    const key = dedupText(t);
    if (seen.has(key)) continue;
    seen.add(key);
    pool.push(t);
  }
  const chosen = seededSample(pool, bases, "near-dup:bases");
  const out: PlantedText[] = chosen.map((text) => ({ text, base: null }));
  const rnd = seededRandom(20240611);
  const copies: PlantedText[] = [];
  const n = Math.round(chosen.length * copyShare);
  for (let i = 0; i < n; i++) {
    const edit = EDITS[i % EDITS.length]!;
    copies.push({ text: plant(chosen[i]!, edit, rnd), base: i, edit });
  }
  return [...out, ...seededShuffle(copies, "near-dup:copies")];
}
