/**
 * One secret, one finding: among findings whose raw spans overlap, keep the most specific rule
 * (format > contextual > generic), then the highest score, then the longest span.
 */
import type { Tier } from "./rule-types.js";

export interface Candidate {
  start: number;
  end: number;
  tier: Tier;
  score: number;
}

function better(a: Candidate, b: Candidate): number {
  return b.tier - a.tier || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

export function resolveOverlaps<T extends Candidate>(items: readonly T[]): T[] {
  if (items.length <= 1) return [...items];
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  let cluster: T[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) kept.push(cluster[0] as T);
    else if (cluster.length > 1) {
      const accepted: T[] = [];
      for (const c of cluster.sort(better)) {
        if (accepted.every((a) => c.end <= a.start || c.start >= a.end)) accepted.push(c);
      }
      kept.push(...accepted.sort((a, b) => a.start - b.start));
    }
    cluster = [];
  };
  for (const it of sorted) {
    // Empty spans (possible from odd view mappings) still overlap what contains them.
    if (cluster.length > 0 && it.start >= clusterEnd) flush();
    cluster.push(it);
    clusterEnd = cluster.length === 1 ? it.end : Math.max(clusterEnd, it.end);
  }
  flush();
  return kept;
}
