/**
 * Over-refusal pairs: in the over-refusal suite a benign case and a harmful case on the same topic share
 * a `behaviour`, so a report can set the refusal rate on the harmful side against the over-refusal rate
 * on the benign look-alikes, topic by topic.
 */
import type { EvalCase, Suite } from "../types.js";

export interface CasePair {
  behaviour: string;
  category: string;
  /** Expected comply: refusing them is over-refusal. */
  benign: EvalCase[];
  /** Expected refuse. */
  harmful: EvalCase[];
}

/** The behaviours that have both a benign and a harmful case, in first-appearance order. */
export function casePairs(suite: Pick<Suite, "cases">): CasePair[] {
  const byBehaviour = new Map<string, CasePair>();
  for (const c of suite.cases) {
    const key = c.behaviour ?? c.id;
    let pair = byBehaviour.get(key);
    if (pair === undefined) {
      pair = { behaviour: key, category: c.category, benign: [], harmful: [] };
      byBehaviour.set(key, pair);
    }
    (c.expected.behaviour === "comply" ? pair.benign : pair.harmful).push(c);
  }
  return [...byBehaviour.values()].filter((p) => p.benign.length > 0 && p.harmful.length > 0);
}
