/**
 * Seeded randomness for strategies. Each (seed, case id, strategy) gets its own stream, so a variant
 * depends only on its seed case and the run seed, not on which other cases or strategies ran.
 */
import type { Rng } from "./types.js";

/** mulberry32: a small, fast 32-bit PRNG; plenty for picking templates and positions. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 units of a string, mixed with a number. */
function fnv1a(text: string, start: number): number {
  let h = (0x811c9dc5 ^ start) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function rngFor(seed: number, caseId: string, strategy: string): Rng {
  return mulberry32(fnv1a(`${caseId}\u0000${strategy}`, seed | 0));
}

/** An integer in [0, n). */
export function pickIndex(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[pickIndex(rng, items.length)] as T;
}
