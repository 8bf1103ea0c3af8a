/**
 * Turns a task's examples into training data: deterministic per-(source, label) caps (so one huge
 * source cannot dominate time or weight), then every text normalised and featurised once.
 */
import type { Featurizer } from "../features/featurizer.js";
import { hashString } from "../features/murmur.js";
import type { ViewFeatures } from "../features/types.js";
import type { Example } from "./types.js";

export interface PreparedTask {
  examples: Example[];
  /** Per example: its views' features (views[0] is the main text). */
  views: ViewFeatures[][];
  featurizeMs: number;
}

/** Keeps at most `cap` examples per (source, label), chosen by a seeded hash of the text. */
export function capPerSource(examples: readonly Example[], cap: number, seed: number): Example[] {
  const buckets = new Map<string, Example[]>();
  for (const e of examples) {
    const key = `${e.source}\u0000${e.label}`;
    let list = buckets.get(key);
    if (!list) buckets.set(key, (list = []));
    list.push(e);
  }
  const keep = new Set<Example>();
  for (const list of buckets.values()) {
    if (list.length <= cap) {
      for (const e of list) keep.add(e);
      continue;
    }
    const ranked = list
      .map((e, i) => ({ e, i, r: hashString(e.text, seed) }))
      .sort((a, b) => a.r - b.r || a.i - b.i);
    for (const { e } of ranked.slice(0, cap)) keep.add(e);
  }
  return examples.filter((e) => keep.has(e));
}

export function prepareTask(
  examples: readonly Example[],
  featurizer: Featurizer,
  log: (message: string) => void = () => {},
): PreparedTask {
  const t0 = performance.now();
  const views: ViewFeatures[][] = [];
  let lastLog = t0;
  for (let i = 0; i < examples.length; i++) {
    views.push(featurizer.featurizeRaw(examples[i]!.text));
    const now = performance.now();
    if (now - lastLog > 5000) {
      log(`  featurised ${i + 1}/${examples.length}`);
      lastLog = now;
    }
  }
  return { examples: [...examples], views, featurizeMs: performance.now() - t0 };
}
