/**
 * Per-source caps so that no large benign source dominates a task. Sampling is seeded (first N after a
 * seeded shuffle), so a load is reproducible; the kept items return to file order so that de-duplication
 * ("first copy wins") does not depend on the shuffle.
 */
import type { Example } from "../../types.js";
import { seededShuffle } from "./sample.js";

/** Keeps at most `cap` examples, chosen by a shuffle seeded with `seed`, in their original order. */
export function capExamples(examples: readonly Example[], cap: number, seed: string): Example[] {
  if (examples.length <= cap) return examples.slice();
  const keep = new Set(
    seededShuffle(
      examples.map((_, i) => i),
      seed,
    ).slice(0, cap),
  );
  return examples.filter((_, i) => keep.has(i));
}

/** Splits `cap` evenly over the languages present and caps each language separately. */
export function capPerLang(examples: readonly Example[], cap: number, seed: string): Example[] {
  const byLang = new Map<string, Example[]>();
  for (const e of examples) {
    const lang = e.lang ?? "";
    const list = byLang.get(lang) ?? [];
    list.push(e);
    byLang.set(lang, list);
  }
  const share = Math.floor(cap / Math.max(1, byLang.size));
  return [...byLang.keys()]
    .sort()
    .flatMap((lang) => capExamples(byLang.get(lang) ?? [], share, `${seed}:${lang}`));
}
