/**
 * The system prompt's shingles (runs of k words), computed once per prompt and kept in a small
 * LRU cache: an application checks many outputs against the same prompt, so after the first check
 * the cost of an echo test is only the output's own words.
 */
import { forEachShingle, words, type Words } from "./word-hashes.js";

export interface PromptShingles {
  /** Words in the prompt. */
  words: number;
  /** Shingle length actually used (k, or fewer for a very short prompt). */
  k: number;
  /** Shingle key -> first word index in the prompt. */
  first: Map<number, number>;
  /** The prompt's words, to confirm a key hit. */
  text: Words;
}

const MAX_PROMPTS = 8;
/** Prompt -> (variant "k:fold" -> shingles). Outer map in least-recently-used order. */
const cache = new Map<string, Map<string, PromptShingles>>();

function build(prompt: string, k: number): PromptShingles {
  const w = words(prompt);
  const kk = Math.min(k, w.count);
  const first = new Map<number, number>();
  forEachShingle(w, kk, (i, key) => {
    if (!first.has(key)) first.set(key, i);
  });
  // Keep only what confirming a hit needs: the word hashes, trimmed to the word count.
  const none = new Int32Array(0);
  const kept: Words = {
    count: w.count,
    h1: w.h1.slice(0, w.count),
    h2: w.h2.slice(0, w.count),
    start: none,
    end: none,
  };
  return { words: w.count, k: kk, first, text: kept };
}

/**
 * Shingles of `prompt` with k words, optionally of a folded form of it (fold names the form, e.g.
 * "skeleton", and foldFn computes it; it runs only when the entry is built). Cached per prompt
 * string: V8 keeps a string's hash, so looking up the same prompt object again costs nothing
 * however long the prompt is.
 */
export function promptShingles(
  prompt: string,
  k: number,
  fold = "",
  foldFn?: (s: string) => string,
): PromptShingles {
  let variants = cache.get(prompt);
  if (variants) {
    cache.delete(prompt);
    cache.set(prompt, variants);
  } else {
    variants = new Map();
    cache.set(prompt, variants);
    if (cache.size > MAX_PROMPTS) cache.delete(cache.keys().next().value as string);
  }
  const vkey = `${k}:${fold}`;
  let entry = variants.get(vkey);
  if (!entry) {
    entry = build(foldFn ? foldFn(prompt) : prompt, k);
    variants.set(vkey, entry);
  }
  return entry;
}
