/**
 * Deterministic sampling: a string seed (usually the source name) drives a small PRNG, so the same data
 * always yields the same sample on every machine and every run.
 */
import { mulberry32 } from "../../rng.js";

/** FNV-1a hash of a string to a 32-bit seed. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A PRNG seeded by a string: mulberry32 (shared with the trainer) over the string's FNV-1a hash. */
export function rng(seed: string): () => number {
  return mulberry32(seedFrom(seed));
}

/** A Fisher–Yates shuffled copy. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = items.slice();
  const next = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** The first `n` items after a seeded shuffle, in shuffled order; all items (shuffled) when n ≥ length. */
export function seededSample<T>(items: readonly T[], n: number, seed: string): T[] {
  return seededShuffle(items, seed).slice(0, Math.max(0, n));
}

/** A seeded pick of one item. */
export function seededPick<T>(items: readonly T[], next: () => number): T {
  if (items.length === 0) throw new Error("seededPick: empty list");
  return items[Math.floor(next() * items.length)] as T;
}
