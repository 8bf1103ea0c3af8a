/**
 * The leet view: the skeleton with leetspeak digits and symbols read as letters ("1gn0r3" -> "ignore",
 * "p@$$w0rd" -> "password"). Only words that contain letters are folded, so numbers such as "2024" or
 * "10.5" stay numbers; see foldLeet for which words count as leet. A symbol at the end of a word ("c++",
 * "hello!") is punctuation and stays.
 * Every replacement is one UTF-16 unit for one, so the leet view shares the skeleton's offset map.
 * "1" is read as "i" (the more frequent letter in the words attacks spell: ignore, instructions, bypass
 * filters), "|" as "l".
 */
import { isWordChar } from "./char-class.js";

const FOLD = new Uint16Array(128);
for (const [from, to] of [
  ["0", "o"],
  ["1", "i"],
  ["3", "e"],
  ["4", "a"],
  ["5", "s"],
  ["6", "g"],
  ["7", "t"],
  ["8", "b"],
  ["9", "g"],
  ["@", "a"],
  ["$", "s"],
  ["!", "i"],
  ["|", "l"],
  ["+", "t"],
] as const) {
  FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
}
const NON_ASCII_FOLD = new Map<number, number>([
  [0x20ac, 0x65], // € -> e
  [0x00a2, 0x63], // ¢ -> c
  [0x00a1, 0x69], // ¡ -> i
  [0x00a3, 0x6c], // £ -> l
]);

const isLetterCode = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/** Replacement for unit c, or 0 when c is not leet. */
function foldOf(c: number): number {
  if (c < 0x80) return FOLD[c] as number;
  return c === 0x20ac || c === 0xa2 || c === 0xa1 || c === 0xa3 ? (NON_ASCII_FOLD.get(c) as number) : 0;
}

/** Whether unit c (at i in s) can be part of a leet word: letters, digits, leet symbols. */
function tokenKind(s: string, i: number, c: number): number {
  // 1 = letter, 2 = digit, 3 = leet symbol, 0 = breaks the word
  if (c < 0x80) {
    if (isLetterCode(c)) return 1;
    if (isDigitCode(c)) return 2;
    return FOLD[c] !== 0 ? 3 : 0;
  }
  if (NON_ASCII_FOLD.has(c)) return 3;
  if (c >= 0xdc00 && c <= 0xdfff) {
    // The second half of a surrogate pair belongs to the same character as the first.
    const h = i > 0 ? s.charCodeAt(i - 1) : 0;
    return h >= 0xd800 && h <= 0xdbff && isWordChar(s.codePointAt(i - 1) as number) ? 1 : 0;
  }
  return isWordChar(s.codePointAt(i) as number) ? 1 : 0;
}

// Letters after a number that make it a quantity, an ordinal or a decade, not leetspeak ("3rd", "1990s").
const NUMBER_SUFFIXES = new Set(
  (
    "s th st nd rd am pm a b c d e f g h k l m p v w x " +
    "kg km mb gb kb tb px ms cm mm ft lb lbs hz khz mhz ghz mph kw mw ml yo yr yrs min mins sec secs hr hrs " +
    "bn em rem pt fps bit bits kbps mbps gbps nm mg mcg oz qt dpi ppi mp ish day days"
  ).split(" "),
);

/**
 * The leet reading of a skeleton text, or null when it has nothing to fold. A word is folded when a
 * digit or leet symbol sits between its letters ("h4ck", "pr3v10us"), or leads it ("1gn0r3", "$ecret")
 * unless the letters are a number suffix ("3rd", "1990s", "10px"). Digits only at the end of a word
 * ("mp3", "user123", "gpt4") are names and versions, and stay.
 */
export function foldLeet(s: string): string | null {
  const n = s.length;
  let parts: string[] | null = null;
  let pending = 0;
  let tokenFloor = 0; // tokens before this index were already examined
  for (let p = 0; p < n; p++) {
    if (foldOf(s.charCodeAt(p)) === 0) continue;
    // A leet character: examine the token around it once.
    let start = p;
    while (start > tokenFloor && tokenKind(s, start - 1, s.charCodeAt(start - 1)) !== 0) start--;
    let i = start;
    let firstLetter = -1;
    let lastLetter = -1;
    let lastAlnum = -1;
    let inner = false; // a leet character between two letters
    let leetSinceLetter = false;
    for (; i < n; i++) {
      const kind = tokenKind(s, i, s.charCodeAt(i));
      if (kind === 0) break;
      if (kind === 1) {
        if (firstLetter < 0) firstLetter = i;
        else if (leetSinceLetter) inner = true;
        lastLetter = i;
        leetSinceLetter = false;
      } else if (firstLetter >= 0) leetSinceLetter = true;
      if (kind !== 3) lastAlnum = i;
    }
    tokenFloor = i;
    p = i;
    if (firstLetter < 0) continue;
    let fold = inner;
    if (!fold && firstLetter > start) {
      const trailingDigits = lastAlnum > lastLetter;
      fold = trailingDigits || !NUMBER_SUFFIXES.has(s.slice(firstLetter, lastLetter + 1));
    }
    if (!fold) continue;
    for (let k = start; k <= lastAlnum; k++) {
      const f = foldOf(s.charCodeAt(k));
      if (f === 0) continue;
      parts ??= [];
      if (k > pending) parts.push(s.slice(pending, k));
      parts.push(String.fromCharCode(f));
      pending = k + 1;
    }
  }
  if (parts === null) return null;
  if (pending < n) parts.push(s.slice(pending));
  return parts.join("");
}
