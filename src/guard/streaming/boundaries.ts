/**
 * Where held text may be released: after a sentence end, or after a space. Character scans only
 * (no regular expressions); each position is looked at a bounded number of times.
 *
 * A sentence end is ".", "!" or "?" (optionally followed by closing quotes, brackets or markdown
 * emphasis) and then white space; a full-width "。！？"; or a blank line. A "." after a single
 * letter or digit ("J. Smith", "e.g. ", "1. item") or after a common abbreviation ("Dr. ",
 * "St. ") is not one: names and addresses that the detectors redact run across such dots.
 */

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "sr",
  "jr",
  "mt",
  "ft",
  "ave",
  "rd",
  "blvd",
  "no",
  "nr",
  "vs",
  "fig",
  "inc",
  "ltd",
  "co",
  "corp",
  "dept",
  "gen",
  "col",
  "lt",
  "capt",
  "sgt",
  "rev",
  "hon",
  "apt",
  "ste",
  "approx",
]);

/** White space that separates words (ASCII blanks, no-break and ideographic space). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000;
}

/** Closing characters that may sit between the terminal punctuation and the space. */
function isCloser(c: number): boolean {
  return (
    c === 34 || // "
    c === 39 || // '
    c === 41 || // )
    c === 93 || // ]
    c === 42 || // *
    c === 95 || // _
    c === 0x201d || // ”
    c === 0x2019 || // ’
    c === 0xbb // »
  );
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlnum(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57);
}

/** Most characters looked back over for closers, and the longest abbreviation. */
const MAX_CLOSERS = 4;
const MAX_ABBREVIATION = 6;

/** True when the "." at `dot` ends an initial, a list number or an abbreviation, not a sentence. */
function isAbbreviationDot(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && dot - start <= MAX_ABBREVIATION && isAsciiAlnum(text.charCodeAt(start - 1))) start--;
  const len = dot - start;
  if (len === 0) return false;
  if (len === 1) return true;
  if (len > MAX_ABBREVIATION) return false;
  return ABBREVIATIONS.has(text.slice(start, dot).toLowerCase());
}

/** True when a release at `p` (between text[p-1] and text[p]) is right after a sentence end. */
export function isSentenceBoundary(text: string, p: number): boolean {
  if (p < 2 || p > text.length) return false;
  const last = text.charCodeAt(p - 1);
  if (last === 0x3002 || last === 0xff01 || last === 0xff1f) return true; // 。！？
  if (!isSpace(last)) return false;
  if (last === 10) {
    // A blank line: "\n\n" or "\n\r\n".
    const prev = text.charCodeAt(p - 2);
    if (prev === 10 || (prev === 13 && p >= 3 && text.charCodeAt(p - 3) === 10)) return true;
  }
  let q = p - 2;
  for (let n = 0; q >= 0 && n < MAX_CLOSERS && isCloser(text.charCodeAt(q)); n++) q--;
  if (q < 0) return false;
  const c = text.charCodeAt(q);
  if (c === 33 || c === 63) return true; // ! ?
  if (c !== 46) return false; // .
  return !isAbbreviationDot(text, q);
}

/** The first position p >= from that follows white space, or -1 (to trim a partial word off the front). */
export function firstSpaceCut(text: string, from = 0): number {
  for (let p = from + 1; p <= text.length; p++) if (isSpace(text.charCodeAt(p - 1))) return p;
  return -1;
}

/** Moves a cut off the middle of a surrogate pair (backwards). */
export function cutOnCodePoint(text: string, p: number): number {
  if (p <= 0 || p >= text.length) return p;
  const c = text.charCodeAt(p);
  const before = text.charCodeAt(p - 1);
  return c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff ? p - 1 : p;
}
