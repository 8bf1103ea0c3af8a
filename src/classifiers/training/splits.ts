/**
 * Group-aware seeded splits: every example of a group (Example.group, else its exact text) lands in the
 * same part, so near-duplicates never straddle train and test. The part follows from a hash of the
 * group key and the seed, so adding examples never moves the others.
 */
import { hashString } from "../features/murmur.js";
import type { Example } from "./types.js";

export type Part = "train" | "val" | "test";

export interface SplitFractions {
  train: number;
  val: number;
}

export const DEFAULT_FRACTIONS: Readonly<SplitFractions> = Object.freeze({ train: 0.7, val: 0.15 });

export function groupKey(e: Example): string {
  return e.group !== undefined ? `g:${e.group}` : `t:${e.text}`;
}

export function partOf(e: Example, seed: number, fractions: SplitFractions = DEFAULT_FRACTIONS): Part {
  const u = hashString(groupKey(e), seed) / 4294967296;
  if (u < fractions.train) return "train";
  if (u < fractions.train + fractions.val) return "val";
  return "test";
}

/** Indices of the examples in each part. */
export function splitIndices(
  examples: readonly Example[],
  seed: number,
  fractions: SplitFractions = DEFAULT_FRACTIONS,
): Record<Part, number[]> {
  const out: Record<Part, number[]> = { train: [], val: [], test: [] };
  examples.forEach((e, i) => out[partOf(e, seed, fractions)].push(i));
  return out;
}
