/**
 * System-prompt echo: which parts of a text repeat runs of at least k words of the system prompt,
 * and how much of the prompt they cover. Linear in the text's words (one hash lookup per word).
 */
import type { PromptShingles } from "./prompt-shingles.js";
import { forEachShingle, sameWords, words } from "./word-hashes.js";

export interface EchoRegion {
  /** Offsets in the scanned text. */
  start: number;
  end: number;
  words: number;
}

export interface Echo {
  regions: EchoRegion[];
  /** Share of the prompt's words that the text repeats (0..1). */
  fraction: number;
  /** Longest echoed run, in words. */
  longestRun: number;
}

/** Echoed regions of text. (The text's words live in scratch buffers: nothing of them is kept.) */
export function findEcho(text: string, prompt: PromptShingles): Echo | undefined {
  const k = prompt.k;
  if (k === 0 || prompt.first.size === 0) return undefined;
  const w = words(text);
  if (w.count < k) return undefined;
  // Difference array over prompt words: +1 where an echoed shingle starts, -1 where it ends.
  const cover = new Int32Array(prompt.words + 1);
  const regions: EchoRegion[] = [];
  let runStart = -1;
  let runEnd = -1; // exclusive, in words
  const close = (): void => {
    if (runStart < 0) return;
    regions.push({
      start: w.start[runStart] as number,
      end: w.end[runEnd - 1] as number,
      words: runEnd - runStart,
    });
  };
  forEachShingle(w, k, (i, key) => {
    const p = prompt.first.get(key);
    if (p === undefined || !sameWords(w, i, prompt.text, p, k)) return;
    cover[p]!++;
    cover[p + k]!--;
    if (runStart >= 0 && i <= runEnd) runEnd = Math.max(runEnd, i + k);
    else {
      close();
      runStart = i;
      runEnd = i + k;
    }
  });
  close();
  if (regions.length === 0) return undefined;
  let covered = 0;
  let depth = 0;
  for (let i = 0; i < prompt.words; i++) {
    depth += cover[i] as number;
    if (depth > 0) covered++;
  }
  let longestRun = 0;
  for (const r of regions) longestRun = Math.max(longestRun, r.words);
  return { regions, fraction: covered / prompt.words, longestRun };
}

/**
 * Confidence that the text leaks the prompt: a bare k-word overlap can be a stock phrase, so it
 * starts below the usual 0.5 threshold; every further echoed word and every share of the prompt
 * repeated adds to it, and half the prompt repeated is certain.
 */
export function echoScore(e: Echo, k: number): number {
  const s = 0.4 + 1.2 * e.fraction + 0.01 * Math.max(0, e.longestRun - k);
  return Math.round(Math.min(1, s) * 100) / 100;
}
