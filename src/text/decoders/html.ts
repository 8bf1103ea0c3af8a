/**
 * HTML character references: named (&lt;), decimal (&#105;) and hex (&#x69;), the numeric ones with or
 * without the closing semicolon as browsers accept them. A run is a stretch of whitespace-separated tokens
 * that each contain a reference; it is decoded when it holds at least two references.
 */
import { HTML_ENTITIES, MAX_ENTITY_NAME } from "./html-entities.js";
import { hexValue } from "./hex.js";
import { cutText, looksLikeText } from "./printable.js";
import type { DecodeLimits, EncodedRun } from "./types.js";

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

interface Entity {
  end: number;
  value: string;
}

/** The character reference starting at p (s[p] === "&"), or null. */
export function parseEntity(s: string, p: number): Entity | null {
  const n = s.length;
  let i = p + 1;
  if (i < n && s.charCodeAt(i) === 0x23) {
    i++;
    const hex = i < n && (s.charCodeAt(i) | 0x20) === 0x78;
    if (hex) i++;
    const digitsStart = i;
    let cp = 0;
    const maxDigits = hex ? 6 : 7;
    while (i < n && i - digitsStart < maxDigits) {
      const c = s.charCodeAt(i);
      const v = hex ? hexValue(c) : isDigit(c) ? c - 0x30 : -1;
      if (v < 0) break;
      cp = cp * (hex ? 16 : 10) + v;
      i++;
    }
    if (i === digitsStart || cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    if (i < n && s.charCodeAt(i) === 0x3b) i++;
    return { end: i, value: String.fromCodePoint(cp) };
  }
  const nameStart = i;
  while (i < n && i - nameStart <= MAX_ENTITY_NAME && isAlnum(s.charCodeAt(i))) i++;
  if (i === nameStart || i >= n || s.charCodeAt(i) !== 0x3b) return null;
  const value = HTML_ENTITIES.get(s.slice(nameStart, i));
  return value === undefined ? null : { end: i + 1, value };
}

/** Whether s[start, end) contains a character reference. */
function hasEntity(s: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    if (s.charCodeAt(p) !== 0x26) continue;
    const e = parseEntity(s, p);
    if (e !== null && e.end <= end) return true;
  }
  return false;
}

function decodeRun(s: string, start: number, end: number, budget: number) {
  let out = "";
  let entities = 0;
  let i = start;
  let kept = start;
  while (i < end && out.length + (i - kept) < budget) {
    if (s.charCodeAt(i) === 0x26) {
      const e = parseEntity(s, i);
      if (e !== null && e.end <= end) {
        out += s.slice(kept, i) + e.value;
        entities++;
        i = e.end;
        kept = i;
        continue;
      }
    }
    i++;
  }
  out += s.slice(kept, i);
  return { text: out, entities, truncated: i < end };
}

export function findHtmlEntities(text: string, limits: DecodeLimits, out: EncodedRun[]): void {
  const n = text.length;
  let pos = 0;
  for (;;) {
    const p = text.indexOf("&", pos);
    if (p < 0) return;
    if (parseEntity(text, p) === null) {
      pos = p + 1;
      continue;
    }
    let start = p;
    while (start > pos && !isSpace(text.charCodeAt(start - 1))) start--;
    let end = p;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    // Extend over following tokens (on the same line) that also hold references.
    for (;;) {
      let j = end;
      while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      let k = j;
      while (k < n && !isSpace(text.charCodeAt(k))) k++;
      if (k === j || !hasEntity(text, j, k)) break;
      end = k;
    }
    pos = end;
    if (end - start < limits.minLength) continue;
    const run = decodeRun(text, start, end, limits.budget);
    if (run.entities < 2 || !looksLikeText(run.text)) continue;
    out.push({
      encoding: "html",
      start,
      end,
      decoded: cutText(run.text, limits.budget),
      truncated: run.truncated,
    });
  }
}
