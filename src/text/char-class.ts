/**
 * Character classes the normaliser needs (combining mark, letter, decimal digit) and the script of a
 * letter, for the handful of alphabetic scripts whose letters pass for Latin ones. Classes come from the
 * engine's Unicode property escapes, looked up once per distinct code point and cached, so no table is
 * built at load time and text in any language costs one array read per character after warm-up.
 */

const KNOWN = 0x80;
export const MARK = 1;
export const LETTER = 2;
export const DIGIT = 4;
/** Internal: the code point attaches to the one before it for NFKC (see joinsPrevious). */
const JOINS = 8;

const MARK_RE = /^\p{M}$/u;
const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{Nd}$/u;

/** Every regular expression of this module (single-character property tests), for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [MARK_RE, LETTER_RE, DIGIT_RE];

const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();

/** A code point that composes with, or reorders against, the one before it: a second half. */
function composesBackward(cp: number, isMark: boolean): boolean {
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2)) return true;
  if (cp === 0x16d67) return true; // KIRAT RAI VOWEL SIGN E (a letter, yet composes with the sign before it)
  return isMark;
}

function computeClass(cp: number): number {
  const s = String.fromCodePoint(cp);
  const cls =
    (MARK_RE.test(s) ? MARK : 0) | (LETTER_RE.test(s) ? LETTER : 0) | (DIGIT_RE.test(s) ? DIGIT : 0);
  // A character joins when its decomposition (NFKD) begins with a second half: a halfwidth Hangul vowel
  // (U+FFC2) becomes U+1161 and composes with a syllable or leading consonant before it.
  const first = s.normalize("NFKD").codePointAt(0);
  const joins =
    composesBackward(cp, (cls & MARK) !== 0) ||
    (first !== undefined &&
      first !== cp &&
      composesBackward(first, MARK_RE.test(String.fromCodePoint(first))));
  return cls | (joins ? JOINS : 0);
}

/** Bit set of MARK, LETTER, DIGIT for a code point. */
export function charClass(cp: number): number {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return LETTER;
    return cp >= 0x30 && cp <= 0x39 ? DIGIT : 0;
  }
  return classBits(cp) & ~JOINS;
}

/** Every bit of a code point >= 0x80, JOINS included, from the cache. */
function classBits(cp: number): number {
  if (cp < 0x10000) {
    const v = bmpClass[cp] as number;
    if (v !== 0) return v & ~KNOWN;
    const c = computeClass(cp);
    bmpClass[cp] = c | KNOWN;
    return c;
  }
  let v = astralClass.get(cp);
  if (v === undefined) {
    v = computeClass(cp);
    if (astralClass.size < 16_384) astralClass.set(cp, v);
  }
  return v;
}

export function isMark(cp: number): boolean {
  return cp >= 0x300 && (charClass(cp) & MARK) !== 0;
}

/** Letters, marks and decimal digits: what words are made of. */
export function isWordChar(cp: number): boolean {
  return charClass(cp) !== 0;
}

/**
 * Whether a code point attaches to the one before it for NFKC: combining marks, Hangul medial vowels and
 * final consonants (which compose with a preceding syllable), the one letter that is the second half of
 * a canonical composition (U+16D67, Unicode 16), and every character whose full decomposition begins
 * with one of those (the halfwidth kana voicing marks, halfwidth and compatibility Hangul vowels and
 * finals, and U+16D68, which is two U+16D67). An exhaustive check over all code points
 * (char-class.test.ts) keeps this complete for the engine's Unicode version. A cluster is a code point
 * plus the run of such followers; normalising cluster by cluster gives exact offsets without changing
 * the result.
 */
export function joinsPrevious(cp: number): boolean {
  return cp >= 0x300 && (classBits(cp) & JOINS) !== 0;
}

// Scripts whose letters are used as Latin look-alikes. Other letters count as OTHER, which never makes
// a word "mixed" (Latin next to Han or Kana in one word is ordinary Japanese and Chinese writing).
export const LATIN = 1;
export const GREEK = 2;
export const CYRILLIC = 4;
export const ARMENIAN = 8;
export const CHEROKEE = 16;
export const COPTIC = 32;
export const LISU = 64;
export const OTHER = 128;
export const LOOKALIKE_SCRIPTS = LATIN | GREEK | CYRILLIC | ARMENIAN | CHEROKEE | COPTIC | LISU;

const SCRIPT_NAMES: readonly [number, string][] = [
  [LATIN, "Latin"],
  [GREEK, "Greek"],
  [CYRILLIC, "Cyrillic"],
  [ARMENIAN, "Armenian"],
  [CHEROKEE, "Cherokee"],
  [COPTIC, "Coptic"],
  [LISU, "Lisu"],
];

/** The script bit of a letter; 0 for anything that is not a letter (digits, marks, symbols). */
export function scriptOf(cp: number): number {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) ? LATIN : 0;
  if ((charClass(cp) & LETTER) === 0) return 0;
  if (cp <= 0x24f || (cp >= 0x250 && cp <= 0x2af) || (cp >= 0x1d00 && cp <= 0x1dbf)) return LATIN;
  if (cp >= 0x1e00 && cp <= 0x1eff) return LATIN;
  if ((cp >= 0x2c60 && cp <= 0x2c7f) || (cp >= 0xa720 && cp <= 0xa7ff) || (cp >= 0xab30 && cp <= 0xab6f))
    return LATIN;
  if (cp >= 0xff21 && cp <= 0xff5a) return LATIN;
  if ((cp >= 0x370 && cp <= 0x3ff && cp !== 0x3e2) || (cp >= 0x1f00 && cp <= 0x1fff)) {
    // U+03E2..03EF are Coptic letters inside the Greek block.
    return cp >= 0x3e2 && cp <= 0x3ef ? COPTIC : GREEK;
  }
  if ((cp >= 0x400 && cp <= 0x52f) || (cp >= 0x1c80 && cp <= 0x1c8f) || (cp >= 0xa640 && cp <= 0xa69f))
    return CYRILLIC;
  if (cp >= 0x2de0 && cp <= 0x2dff) return CYRILLIC;
  if (cp >= 0x530 && cp <= 0x58f) return ARMENIAN;
  if ((cp >= 0x13a0 && cp <= 0x13ff) || (cp >= 0xab70 && cp <= 0xabbf)) return CHEROKEE;
  if (cp >= 0x2c80 && cp <= 0x2cff) return COPTIC;
  if (cp >= 0xa4d0 && cp <= 0xa4ff) return LISU;
  return OTHER;
}

/** "Latin+Cyrillic" for a set of script bits. */
export function scriptNames(bits: number): string {
  const names: string[] = [];
  for (const [bit, name] of SCRIPT_NAMES) if (bits & bit) names.push(name);
  return names.join("+");
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms). */
export function isRtl(cp: number): boolean {
  return (
    (cp >= 0x590 && cp <= 0x8ff) ||
    (cp >= 0xfb1d && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfefc) ||
    (cp >= 0x10800 && cp <= 0x10fff) ||
    (cp >= 0x1e800 && cp <= 0x1efff)
  );
}

/** Scripts where ZWJ and ZWNJ are part of ordinary spelling (Arabic, Persian, Syriac, Indic, Southeast Asian). */
export function isJoiningScript(cp: number): boolean {
  return (
    (cp >= 0x600 && cp <= 0x8ff) || // Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended
    (cp >= 0x900 && cp <= 0xdff) || // Devanagari .. Sinhala
    (cp >= 0xf00 && cp <= 0xfff) || // Tibetan
    (cp >= 0x1000 && cp <= 0x109f) || // Myanmar
    (cp >= 0x1780 && cp <= 0x18af) || // Khmer, Mongolian
    (cp >= 0xa8e0 && cp <= 0xa8ff) || // Devanagari Extended
    (cp >= 0xfb50 && cp <= 0xfdff) || // Arabic presentation forms A
    (cp >= 0xfe70 && cp <= 0xfefc) || // Arabic presentation forms B
    (cp >= 0x11000 && cp <= 0x11fff) // Brahmi and other historic Indic scripts
  );
}

/** A rough Extended_Pictographic test: emoji, dingbats, arrows, and the symbols emoji sequences start with. */
export function isEmojiLike(cp: number): boolean {
  if (cp >= 0x1f000 && cp <= 0x1faff) return true;
  if (cp >= 0x2190 && cp <= 0x21ff) return true;
  if (cp >= 0x2300 && cp <= 0x23ff) return true;
  if (cp >= 0x25a0 && cp <= 0x27bf) return true;
  if (cp >= 0x2900 && cp <= 0x297f) return true;
  if (cp >= 0x2b00 && cp <= 0x2bff) return true;
  return (
    cp === 0xa9 ||
    cp === 0xae ||
    cp === 0x203c ||
    cp === 0x2049 ||
    cp === 0x2122 ||
    cp === 0x2139 ||
    cp === 0x24c2 ||
    cp === 0x3030 ||
    cp === 0x303d ||
    cp === 0x3297 ||
    cp === 0x3299
  );
}
