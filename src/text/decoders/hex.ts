/**
 * Hex decoding: plain runs of hex digit pairs ("69676e6f7265"), handled with the base64 runs that contain
 * them (see alnum-runs.ts), and escaped bytes ("\x69\x67\x6e"), found here.
 */
import { bytesToText, cutText, looksLikeText } from "./printable.js";
import type { DecodeLimits, EncodedRun } from "./types.js";

export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Decodes the hex digit pairs of s[start, end) into at most maxBytes bytes. */
export function decodeHexPairs(s: string, start: number, end: number, maxBytes: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, Math.min(maxBytes, (end - start) >> 1)));
  let n = 0;
  for (let i = start; i + 1 < end && n < out.length; i += 2) {
    out[n++] = (hexValue(s.charCodeAt(i)) << 4) | hexValue(s.charCodeAt(i + 1));
  }
  return out;
}

const isEscapeAt = (s: string, i: number) =>
  i + 3 < s.length &&
  s.charCodeAt(i) === 0x5c &&
  (s.charCodeAt(i + 1) | 0x20) === 0x78 &&
  hexValue(s.charCodeAt(i + 2)) >= 0 &&
  hexValue(s.charCodeAt(i + 3)) >= 0;

/** Runs of escaped bytes such as "\x69\x67\x6e\x6f\x72\x65". */
export function findEscapedHex(text: string, limits: DecodeLimits, out: EncodedRun[]): void {
  let pos = 0;
  for (;;) {
    const p = text.indexOf("\\", pos);
    if (p < 0) return;
    if (!isEscapeAt(text, p)) {
      pos = p + 1;
      continue;
    }
    let end = p;
    while (isEscapeAt(text, end)) end += 4;
    pos = end;
    if (end - p < limits.minLength) continue;
    const count = (end - p) >> 2;
    const bytes = new Uint8Array(Math.min(count, limits.budget));
    for (let k = 0; k < bytes.length; k++) {
      const i = p + k * 4;
      bytes[k] = (hexValue(text.charCodeAt(i + 2)) << 4) | hexValue(text.charCodeAt(i + 3));
    }
    const decoded = bytesToText(bytes);
    if (!looksLikeText(decoded)) continue;
    out.push({
      encoding: "hex",
      start: p,
      end,
      decoded: cutText(decoded, limits.budget),
      truncated: bytes.length < count || decoded.length > limits.budget,
    });
  }
}
