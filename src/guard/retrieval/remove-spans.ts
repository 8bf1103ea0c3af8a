/**
 * Sanitising a document: the spans of the findings that made it a violation are cut out, each
 * replaced by a short note naming what was removed, so the model sees that something was there.
 */
import { mergeItems } from "../redaction/index.js";

export interface Removal {
  span: [number, number];
  category: string;
}

/** The text with every span removed (overlapping spans merged), and how many pieces were cut. */
export function removeSpans(text: string, removals: readonly Removal[]): { text: string; removed: number } {
  const merged = mergeItems(
    text,
    removals.map((r) => ({ span: r.span, label: r.category })),
  );
  let out = "";
  let pos = 0;
  for (const m of merged) {
    out += `${text.slice(pos, m.span[0])}[removed: ${m.label}]`;
    pos = m.span[1];
  }
  return { text: out + text.slice(pos), removed: merged.length };
}
