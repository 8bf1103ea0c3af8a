/**
 * Deduplicates findings gathered from several views of one text. Findings with the same category
 * and label whose raw spans overlap describe the same thing seen twice (e.g. in the raw and the
 * normalised view): they become one finding with the highest score, spanning the union of their spans.
 */
import type { Finding } from "../types.js";

const key = (f: Finding): string => `${f.category}\u0000${f.label ?? ""}`;

export function mergeFindings(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const out: Finding[] = [];
  // Sort once on precomputed keys: a pathological text can yield many thousands of findings.
  const items: Array<{ f: Finding; k: string }> = [];
  for (const f of findings) {
    if (f.span) items.push({ f, k: key(f) });
    else out.push(f);
  }
  items.sort((a, b) =>
    a.k !== b.k ? (a.k < b.k ? -1 : 1) : a.f.span![0] - b.f.span![0] || a.f.span![1] - b.f.span![1],
  );
  let cur: Finding | undefined;
  let curKey = "";
  for (const { f, k } of items) {
    const span = f.span!;
    if (cur && curKey === k && span[0] < cur.span![1]) {
      const end = Math.max(cur.span![1], span[1]);
      const best = f.score > cur.score ? f : cur;
      cur = { ...best, span: [cur.span![0], end] };
      continue;
    }
    if (cur) out.push(cur);
    cur = f;
    curKey = k;
  }
  if (cur) out.push(cur);
  return out;
}
