/**
 * Normalises redaction items: clamps spans to the text, widens a span that would split a
 * surrogate pair, drops empty ones, and merges overlapping spans into one whose label is the label
 * of the widest item among them (a card number inside a wider address is redacted as the address).
 */
import type { RedactionItem } from "./types.js";

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Moves span edges off the middle of a surrogate pair, outwards. */
export function widenToCodePoints(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return [s, e];
}

export function mergeItems(text: string, items: readonly RedactionItem[]): RedactionItem[] {
  const clean: RedactionItem[] = [];
  for (const it of items) {
    const a = Math.max(0, Math.min(text.length, Math.floor(Math.min(it.span[0], it.span[1]))));
    const b = Math.max(0, Math.min(text.length, Math.ceil(Math.max(it.span[0], it.span[1]))));
    if (!(b > a)) continue;
    clean.push({ span: widenToCodePoints(text, a, b), label: it.label });
  }
  clean.sort((x, y) => x.span[0] - y.span[0] || y.span[1] - x.span[1]);
  const out: RedactionItem[] = [];
  let cur: RedactionItem | undefined;
  let widest = 0;
  for (const it of clean) {
    const width = it.span[1] - it.span[0];
    if (cur && it.span[0] < cur.span[1]) {
      cur.span = [cur.span[0], Math.max(cur.span[1], it.span[1])];
      if (width > widest) {
        widest = width;
        cur.label = it.label;
      }
      continue;
    }
    if (cur) out.push(cur);
    cur = { span: [it.span[0], it.span[1]], label: it.label };
    widest = width;
  }
  if (cur) out.push(cur);
  return out;
}
