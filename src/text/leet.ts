/**
 * The leet view: the skeleton with leetspeak digits and symbols read as letters ("1gn0r3" -> "ignore",
 * "p@$$w0rd" -> "password"). Only words that contain letters are folded, so numbers such as "2024" or
 * "10.5" stay numbers; see isLeetToken for which words count as leet. A symbol at the end of a word ("c++",
 * "hello!") is punctuation and stays.
 * Every replacement is one UTF-16 unit for one, so the leet view shares the skeleton's offset map.
 * "1" is read as "i" (the more frequent letter in the words attacks spell: ignore, instructions, bypass
 * filters).
 */
import { LOOKALIKE_SCRIPTS, scriptOf } from "./char-class.js";
import { FNV_OFFSET, FNV_PRIME, HASH_MASK, isCommonWordHash } from "./decoders/common-words.js";
import { isEnglishWordHash } from "./english-words.js";

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
] as const) {
  FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
}
const NON_ASCII_FOLD = new Map<number, number>([
  [0x20ac, 0x65], // € -> e
  [0x00a2, 0x63], // ¢ -> c
]);

const isLetterCode = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

const isLeetLetter = (cp: number) => (scriptOf(cp) & LOOKALIKE_SCRIPTS) !== 0;

/** Replacement for unit c, or 0 when c is not leet. */
function foldOf(c: number): number {
  if (c < 0x80) return FOLD[c] as number;
  return c === 0x20ac || c === 0xa2 ? (NON_ASCII_FOLD.get(c) as number) : 0;
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
  // Leetspeak is written in the alphabets it imitates: letters of other scripts (Han, Arabic,
  // Devanagari...) end a word, so "1990年" or "3월" stay numbers.
  if (c >= 0xdc00 && c <= 0xdfff) {
    // The second half of a surrogate pair belongs to the same character as the first.
    const h = i > 0 ? s.charCodeAt(i - 1) : 0;
    return h >= 0xd800 && h <= 0xdbff && isLeetLetter(s.codePointAt(i - 1) as number) ? 1 : 0;
  }
  return isLeetLetter(s.codePointAt(i) as number) ? 1 : 0;
}

// Letters after a number that make it a quantity, an ordinal or a decade, not leetspeak: "3rd", "1990s",
// "10px", "$5billion", German "1970er", French "2ème" ("2eme" in the skeleton), Dutch "2de", Greek "5ου"
// ("5ou"). A single letter counts too ("5k", "4x", Greek "3η" folded to "3n").
const NUMBER_SUFFIXES = new Set(
  (
    "th st nd rd am pm er ern ers re eme ieme ere de te ste " +
    "kg km mb gb kb tb px ms cm mm ft lb lbs hz khz mhz ghz mph kw mw ml yo yr yrs min mins sec secs hr hrs " +
    "bn em rem pt fps bit bits kbps mbps gbps nm mg mcg oz qt dpi ppi mp ish day days " +
    "ou os oi on hundred thousand million billion trillion mill bill mn"
  ).split(" "),
);

/** What one token looks like: letters (L) and leet characters (D, digits and symbols) in segments. */
interface TokenShape {
  firstLetter: number;
  lastLetter: number;
  /** Start of the last run of letters. */
  lastLetters: number;
  lastAlnum: number;
  /** Leet characters before the first letter. */
  leading: number;
  /** Whether every leading character reads as a letter and they are not a "19xx" year. */
  leadingAllFold: boolean;
  /** Whether leet characters sit between two letters; the most digits in such a run; the last run's digits. */
  inner: boolean;
  maxInnerDigits: number;
  lastInnerDigits: number;
  /** Whether every run between letters reads as letters (no "2", no year such as "1990"). */
  innerAllFold: boolean;
}

function shapeOf(s: string, start: number, end: number): TokenShape {
  const t: TokenShape = {
    firstLetter: -1,
    lastLetter: -1,
    lastLetters: -1,
    lastAlnum: -1,
    leading: 0,
    leadingAllFold: true,
    inner: false,
    maxInnerDigits: 0,
    lastInnerDigits: 0,
    innerAllFold: true,
  };
  let run = 0; // leet characters since the last letter
  let digits = 0; // digits among them
  let runFolds = true; // every character of the current run has a letter reading
  for (let i = start; i < end; i++) {
    const kind = tokenKind(s, i, s.charCodeAt(i));
    if (kind === 1) {
      if (t.firstLetter < 0) {
        t.firstLetter = i;
        t.leading = run;
        t.leadingAllFold = runFolds && !(digits === 4 && s.startsWith("19", i - 4));
        t.lastLetters = i;
      } else if (run > 0) {
        t.inner = true;
        t.maxInnerDigits = Math.max(t.maxInnerDigits, digits);
        t.lastInnerDigits = digits;
        t.lastLetters = i;
        // "1990"-style years glued into words stay numbers even though every digit has a reading.
        if (!runFolds || (digits === 4 && s.startsWith("19", i - 4))) t.innerAllFold = false;
      }
      t.lastLetter = i;
      run = 0;
      digits = 0;
      runFolds = true;
    } else {
      run++;
      if (kind === 2) digits++;
      if (foldOf(s.charCodeAt(i)) === 0) runFolds = false;
    }
    if (kind !== 3) t.lastAlnum = i;
  }
  return t;
}

/**
 * Whether s[from..last], its leet characters read as letters, is an English word: a common one ("th3",
 * "70"), or one of four letters or more in the larger dictionary ("h473" -> "hate").
 */
function readsAsCommonWord(s: string, from: number, last: number, large = true): boolean {
  let h = FNV_OFFSET;
  for (let k = from; k <= last; k++) {
    const c = s.charCodeAt(k);
    const letter = foldOf(c) || c;
    if (letter >= 0x80) return false;
    h = Math.imul(h ^ (letter | 0x20), FNV_PRIME);
  }
  h &= HASH_MASK;
  return isCommonWordHash(h) || (large && last - from >= 3 && isEnglishWordHash(h));
}

/**
 * Whether the token from `from` (its first letter unless given), its leet characters read as letters, is
 * a common English word ("th3" -> "the", "0r" -> "or").
 */
function foldsToCommonWord(s: string, t: TokenShape, from = t.firstLetter, large = true): boolean {
  return readsAsCommonWord(s, from, t.lastAlnum, large);
}

/**
 * Whether a token is leetspeak. Digits or symbols between letters are ("h4ck", "pr3v10us", "l33t"),
 * unless they are a glued-on number: three digits or more that do not all read as letters
 * ("states1920s", a "19xx" year), or a number with its suffix ("city20th"); dense leetspeak has long
 * runs that all do ("p0150n", "d3741l3d"). One leading digit or symbol is ("4ll", "1gn0r3", "$ecret")
 * unless the letters are a number suffix or a single letter ("3rd", "1990s", "5k") — a single letter
 * that makes a common word with it is ("0r", "1n"), and so are suffix letters that do ("4nd"). More leading digits are a number ("1999spec",
 * "3000rpm") unless they all read as letters and the word is plainly leet: digits at its end too
 * ("4554ul7" -> "assault") or a common word once read ("5734l" -> "steal", "4774ck" -> "attack").
 * Digits only at the end of a word are names and versions ("mp3", "user123", "gpt4") unless the word
 * reads as a common English word once folded ("th3", "m3"). A lone "x" between numbers is a dimension
 * or a product ("4x4", "10x10"), and a hex number ("00ff00") is a number: neither is leet.
 */
function isLeetToken(s: string, t: TokenShape, start: number): boolean {
  const finalLetters = () => s.slice(t.lastLetters, t.lastLetter + 1);
  if (t.inner) {
    if (t.maxInnerDigits >= 3 && !t.innerAllFold) return false;
    return !(t.lastInnerDigits >= 2 && NUMBER_SUFFIXES.has(finalLetters()));
  }
  if (t.leading === 0) {
    // Digits at the end only: the larger dictionary only when they are most of the word ("h473" -> "hate"),
    // not a version or a name's number ("pip3", "pop3", "atlas35").
    const digits = t.lastAlnum - t.lastLetter;
    return digits > 0 && foldsToCommonWord(s, t, t.firstLetter, digits >= t.lastLetter - t.firstLetter + 1);
  }
  const trailing = t.lastAlnum > t.lastLetter;
  const lone = t.lastLetter === t.firstLetter;
  if (lone && (s.charCodeAt(t.firstLetter) | 0x20) === 0x78) return false; // "4x4"
  if (t.leading === 1) {
    if (trailing) return true; // digits on both sides ("4ll0")
    if (lone) return foldsToCommonWord(s, t, start);
    // "2nd" is a number; "4nd" reads "and".
    return !NUMBER_SUFFIXES.has(finalLetters()) || foldsToCommonWord(s, t, start);
  }
  if (!t.leadingAllFold || hexLetters(s, t)) return false;
  if (trailing) return !lone || foldsToCommonWord(s, t, start);
  return !NUMBER_SUFFIXES.has(finalLetters()) && foldsToCommonWord(s, t, start);
}

/** Whether every letter of the token is a-f: a hex number or colour ("00ff00"), not leet. */
function hexLetters(s: string, t: TokenShape): boolean {
  for (let i = t.firstLetter; i <= t.lastLetter; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (tokenKind(s, i, s.charCodeAt(i)) === 1 && (c < 0x61 || c > 0x66)) return false;
  }
  return true;
}

/** "5" or "7" after an apostrophe (which follows a word, the caller checks): the "s" or "t" of "it'5", "don'7". */
function isContractionEnd(s: string, start: number, end: number): boolean {
  if (end - start !== 1 || s.charCodeAt(start - 1) !== 0x27) return false;
  const f = foldOf(s.charCodeAt(start));
  return f === 0x73 || f === 0x74;
}

/** Characters between a short number and a leet word that still make them neighbours ("70 p0150n"). */
const NEIGHBOUR_GAP = 2;

/** The longest all-digit word read as letters ("57473" would be "state"; the dictionary decides). */
const MAX_DIGIT_WORD = 8;

/**
 * Whether a token of leet characters only (no letter) is a word spelled in them: characters that all
 * read as letters and make a common word ("4" -> "a", "1" -> "i", "70" -> "to", "175" -> "its",
 * "5734" -> "stea" is none). Such a token is folded only next to a leet word, so "4 apples" or
 * "70 years" in ordinary text stay numbers.
 */
function isShortLeetWord(s: string, start: number, end: number): boolean {
  if (end - start > MAX_DIGIT_WORD) return false;
  // The dictionary has no one-letter words: "a" and "I" are the two.
  if (end - start === 1) {
    const f = foldOf(s.charCodeAt(start));
    return f === 0x61 || f === 0x69;
  }
  for (let k = start; k < end; k++) if (foldOf(s.charCodeAt(k)) === 0) return false;
  return readsAsCommonWord(s, start, end - 1);
}

interface LeetToken {
  start: number;
  /** Last unit to fold. */
  last: number;
  end: number;
  /** "word": a leet word; "short": a short number that is one next to a leet word. */
  kind: "word" | "short";
}

/** The leet reading of a skeleton text, or null when it has nothing to fold (see isLeetToken). */
export function foldLeet(s: string): string | null {
  const n = s.length;
  const tokens: LeetToken[] = [];
  let tokenFloor = 0; // tokens before this index were already examined
  for (let p = 0; p < n; p++) {
    if (foldOf(s.charCodeAt(p)) === 0) continue;
    // A leet character: examine the token around it once.
    let start = p;
    while (start > tokenFloor && tokenKind(s, start - 1, s.charCodeAt(start - 1)) !== 0) start--;
    let end = p;
    while (end < n && tokenKind(s, end, s.charCodeAt(end)) !== 0) end++;
    tokenFloor = end;
    p = end;
    const shape = shapeOf(s, start, end);
    if (shape.firstLetter < 0) {
      const prev = tokens[tokens.length - 1];
      const afterWord =
        start >= 2 &&
        (isLetterCode(s.charCodeAt(start - 2)) || (prev?.kind === "word" && prev.end === start - 1));
      if (afterWord && isContractionEnd(s, start, end))
        tokens.push({ start, last: start, end, kind: "word" });
      else if (isShortLeetWord(s, start, end)) tokens.push({ start, last: end - 1, end, kind: "short" });
    } else if (isLeetToken(s, shape, start)) {
      tokens.push({ start, last: shape.lastAlnum, end, kind: "word" });
    }
  }
  const isWordAt = (i: number) => tokens[i]?.kind === "word";
  let parts: string[] | null = null;
  let pending = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "short") {
      const before = isWordAt(i - 1) && t.start - tokens[i - 1]!.end <= NEIGHBOUR_GAP;
      const after = isWordAt(i + 1) && tokens[i + 1]!.start - t.end <= NEIGHBOUR_GAP;
      if (!before && !after) continue;
    }
    for (let k = t.start; k <= t.last; k++) {
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
