/**
 * Finds runs of base64 alphabet characters (standard or URL-safe, optional padding, optionally wrapped
 * over lines as MIME does) and decodes each as hex when it is made only of hex digit pairs and that
 * reads as text, else as base64. A prefix is decoded first, so long runs of binary data (images, keys,
 * one repeated letter) are rejected after a few dozen characters.
 */
import { base64Bytes, base64Value, decodeBase64 } from "./base64.js";
import { decodeHexPairs, hexValue } from "./hex.js";
import { bytesToText, cutText, looksLikeText, trimIncompleteUtf8 } from "./printable.js";
import type { DecodeLimits, EncodedRun } from "./types.js";

const UPPER = 1;
const LOWER = 2;
const DIGIT = 4;
const SYMBOL = 8;
const HEX = 16;

// Class bits of each ASCII character in the base64 alphabets (0: not in them).
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 0x61 && c <= 0x7a) CLASS[c] = LOWER;
  else if (c >= 0x41 && c <= 0x5a) CLASS[c] = UPPER;
  else if (c >= 0x30 && c <= 0x39) CLASS[c] = DIGIT;
  else if (base64Value(c) >= 0) CLASS[c] = SYMBOL;
  if (hexValue(c) >= 0) CLASS[c] = (CLASS[c] as number) | HEX;
}

function b64Class(c: number): number {
  return c < 128 ? (CLASS[c] as number) : 0;
}

const PREFIX_CHARS = 64;

function decodeAsText(bytes: Uint8Array): string | null {
  const text = bytesToText(bytes);
  return looksLikeText(text) ? text : null;
}

function tryHex(text: string, start: number, end: number, limits: DecodeLimits): EncodedRun | null {
  const total = (end - start) >> 1;
  if (end - start > PREFIX_CHARS) {
    const prefix = decodeHexPairs(text, start, start + PREFIX_CHARS, PREFIX_CHARS);
    if (decodeAsText(trimIncompleteUtf8(prefix)) === null) return null;
  }
  const bytes = decodeHexPairs(text, start, end, limits.budget);
  const decoded = decodeAsText(bytes);
  if (decoded === null) return null;
  const truncated = bytes.length < total || decoded.length > limits.budget;
  return { encoding: "hex", start, end, decoded: cutText(decoded, limits.budget), truncated };
}

function tryBase64(
  text: string,
  start: number,
  end: number,
  core: number,
  limits: DecodeLimits,
): EncodedRun | null {
  if (end - start > PREFIX_CHARS) {
    const prefix = decodeBase64(text, start, start + PREFIX_CHARS, 48);
    if (decodeAsText(trimIncompleteUtf8(prefix)) === null) return null;
  }
  const bytes = decodeBase64(text, start, end, limits.budget);
  const decoded = decodeAsText(bytes);
  if (decoded === null) return null;
  const truncated = bytes.length < base64Bytes(core) || decoded.length > limits.budget;
  return { encoding: "base64", start, end, decoded: cutText(decoded, limits.budget), truncated };
}

/** Length of the run of base64 characters starting at i. */
function lineEnd(text: string, i: number): number {
  while (i < text.length && b64Class(text.charCodeAt(i)) !== 0) i++;
  return i;
}

export function findBase64AndHex(text: string, limits: DecodeLimits, out: EncodedRun[]): void {
  const n = text.length;
  // Runs shorter than this are skipped (too short to decode, and to continue on a wrapped line).
  const shortest = Math.max(1, Math.min(limits.minLength, 16));
  let i = 0;
  // No run of the text scanned so far continues at i (i is the start or follows a non-alphabet character).
  while (i < n) {
    // A run of `shortest` or more characters that starts in [i, i + shortest) covers i + shortest - 1: when
    // that character is outside the alphabet, no such run starts there, and prose is passed over a
    // word-length at a time instead of a character at a time.
    const probe = i + shortest - 1;
    if (probe >= n) break;
    if (b64Class(text.charCodeAt(probe)) === 0) {
      i = probe + 1;
      continue;
    }
    // The run holding the probe starts at or after i.
    const from = i;
    i = probe;
    while (i > from && b64Class(text.charCodeAt(i - 1)) !== 0) i--;
    const start = i;
    while (i < n && b64Class(text.charCodeAt(i)) !== 0) i++;
    if (i - start < shortest) continue;
    i = start;
    let classes = 0;
    let core = 0;
    let hexOnly = true;
    let wrapped = false;
    let firstLine = -1;
    let end: number;
    for (;;) {
      const lineStart = i;
      let all = HEX;
      while (i < n) {
        const cls = b64Class(text.charCodeAt(i));
        if (cls === 0) break;
        classes |= cls;
        all &= cls;
        i++;
      }
      if (all === 0) hexOnly = false;
      const lineLen = i - lineStart;
      core += lineLen;
      let pad = 0;
      while (i < n && pad < 2 && text.charCodeAt(i) === 0x3d) {
        i++;
        pad++;
      }
      end = i;
      if (pad > 0) break;
      // MIME wraps base64 in lines of equal length (a multiple of 4); the last line may be shorter.
      if (firstLine < 0) firstLine = lineLen;
      if (lineLen !== firstLine || lineLen < 16 || lineLen % 4 !== 0) break;
      let j = i;
      if (j < n && text.charCodeAt(j) === 0x0d) j++;
      if (j >= n || text.charCodeAt(j) !== 0x0a) break;
      const next = lineEnd(text, j + 1);
      const nextLen = next - (j + 1);
      const after = next < n ? text.charCodeAt(next) : 0x0a;
      if (
        nextLen < 4 ||
        nextLen > firstLine ||
        !(after === 0x0a || after === 0x0d || after === 0x3d || after === 0x20)
      )
        break;
      wrapped = true;
      i = j + 1;
    }
    if (core < limits.minLength) continue;
    if (hexOnly && !wrapped && core % 2 === 0) {
      const run = tryHex(text, start, end, limits);
      if (run !== null) {
        out.push(run);
        continue;
      }
    }
    // Base64 of text mixes at least two of upper case, lower case and digits.
    const kinds = (classes & UPPER ? 1 : 0) + (classes & LOWER ? 1 : 0) + (classes & DIGIT ? 1 : 0);
    if (kinds < 2 || core % 4 === 1) continue;
    const run = tryBase64(text, start, end, core, limits);
    if (run !== null) out.push(run);
  }
}
