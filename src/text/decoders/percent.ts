/**
 * URL percent-encoding: a whitespace-delimited token with at least two %HH escapes is decoded (escapes
 * as UTF-8 bytes, other characters kept as they are).
 */
import { hexValue } from "./hex.js";
import { bytesToText, cutText, looksLikeText } from "./printable.js";
import type { DecodeLimits, EncodedRun } from "./types.js";

const isSpace = (c: number) =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b;
const isEscape = (s: string, i: number) =>
  i + 2 < s.length &&
  s.charCodeAt(i) === 0x25 &&
  hexValue(s.charCodeAt(i + 1)) >= 0 &&
  hexValue(s.charCodeAt(i + 2)) >= 0;

function decodeToken(
  s: string,
  start: number,
  end: number,
  budget: number,
): { text: string; truncated: boolean } {
  let out = "";
  let i = start;
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) {
      out += bytesToText(Uint8Array.from(bytes));
      bytes = [];
    }
  };
  while (i < end && out.length + bytes.length < budget) {
    if (isEscape(s, i)) {
      bytes.push((hexValue(s.charCodeAt(i + 1)) << 4) | hexValue(s.charCodeAt(i + 2)));
      i += 3;
      continue;
    }
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes.push(c);
    else {
      flush();
      const cp = s.codePointAt(i) as number;
      out += String.fromCodePoint(cp);
      i += cp >= 0x10000 ? 2 : 1;
      continue;
    }
    i++;
  }
  flush();
  return { text: out, truncated: i < end };
}

export function findPercentEncoded(text: string, limits: DecodeLimits, out: EncodedRun[]): void {
  const n = text.length;
  let pos = 0;
  for (;;) {
    const p = text.indexOf("%", pos);
    if (p < 0) return;
    let start = p;
    while (start > pos && !isSpace(text.charCodeAt(start - 1))) start--;
    let end = p;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    pos = end;
    if (end - start < limits.minLength) continue;
    let escapes = 0;
    for (let i = p; i < end && escapes < 2; i++) if (isEscape(text, i)) escapes++;
    if (escapes < 2) continue;
    const { text: decoded, truncated } = decodeToken(text, start, end, limits.budget);
    if (!looksLikeText(decoded)) continue;
    out.push({ encoding: "url", start, end, decoded: cutText(decoded, limits.budget), truncated });
  }
}
