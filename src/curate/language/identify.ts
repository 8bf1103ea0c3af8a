/**
 * A cheap language identifier for filtering training data: the writing system decides for languages
 * with a script of their own (Greek, Hebrew, Thai, Korean, Japanese, Chinese, the Indic scripts, ...);
 * within Latin and Cyrillic, counts of frequent function words (stopwords.ts) decide. It reads at most
 * the first 2,000 characters and 300 words, in one pass with no regular expression, and answers
 * "unknown" when the evidence is thin (fewer than two function-word hits, or a tie).
 */
import { STOPWORDS } from "./stopwords.js";

export interface LanguageGuess {
  /** ISO 639-1 code, or "unknown". */
  lang: string;
  script: string;
  /** Function-word hits of the winner (Latin/Cyrillic), or the script's share of letters. */
  evidence: number;
}

export const WORD_LANGUAGES: readonly string[] = Object.keys(STOPWORDS);

const LANGS = WORD_LANGUAGES;
const WORDS = new Map<string, number[]>();
for (let li = 0; li < LANGS.length; li++) {
  for (const w of STOPWORDS[LANGS[li]!]!.split(" ")) {
    const list = WORDS.get(w);
    if (!list) WORDS.set(w, [li]);
    else if (!list.includes(li)) list.push(li);
  }
}

type Script =
  | "latin"
  | "cyrillic"
  | "greek"
  | "armenian"
  | "hebrew"
  | "arabic"
  | "devanagari"
  | "bengali"
  | "gurmukhi"
  | "gujarati"
  | "tamil"
  | "telugu"
  | "kannada"
  | "malayalam"
  | "thai"
  | "georgian"
  | "ethiopic"
  | "hangul"
  | "kana"
  | "han";

const RANGES: ReadonlyArray<readonly [number, number, Script]> = [
  [0x41, 0x5a, "latin"],
  [0x61, 0x7a, "latin"],
  [0xc0, 0x24f, "latin"],
  [0x1e00, 0x1eff, "latin"],
  [0x370, 0x3ff, "greek"],
  [0x1f00, 0x1fff, "greek"],
  [0x400, 0x52f, "cyrillic"],
  [0x530, 0x58f, "armenian"],
  [0x590, 0x5ff, "hebrew"],
  [0x600, 0x6ff, "arabic"],
  [0x750, 0x77f, "arabic"],
  [0xfb50, 0xfdff, "arabic"],
  [0xfe70, 0xfeff, "arabic"],
  [0x900, 0x97f, "devanagari"],
  [0x980, 0x9ff, "bengali"],
  [0xa00, 0xa7f, "gurmukhi"],
  [0xa80, 0xaff, "gujarati"],
  [0xb80, 0xbff, "tamil"],
  [0xc00, 0xc7f, "telugu"],
  [0xc80, 0xcff, "kannada"],
  [0xd00, 0xd7f, "malayalam"],
  [0xe00, 0xe7f, "thai"],
  [0x10a0, 0x10ff, "georgian"],
  [0x1200, 0x137f, "ethiopic"],
  [0x1100, 0x11ff, "hangul"],
  [0x3130, 0x318f, "hangul"],
  [0xac00, 0xd7af, "hangul"],
  [0x3040, 0x30ff, "kana"],
  [0x3400, 0x4dbf, "han"],
  [0x4e00, 0x9fff, "han"],
];

/** The script's language when the script alone decides. */
const SCRIPT_LANG: Partial<Record<Script, string>> = {
  greek: "el",
  armenian: "hy",
  hebrew: "he",
  devanagari: "hi",
  bengali: "bn",
  gurmukhi: "pa",
  gujarati: "gu",
  tamil: "ta",
  telugu: "te",
  kannada: "kn",
  malayalam: "ml",
  thai: "th",
  georgian: "ka",
  ethiopic: "am",
  hangul: "ko",
};

function scriptOf(c: number): Script | undefined {
  if (c < 0x41) return undefined;
  for (const [lo, hi, s] of RANGES) if (c >= lo && c <= hi) return s;
  return undefined;
}

// Arabic-script letters used in Persian or Urdu but not Arabic.
const PERSIAN = new Set([0x67e, 0x686, 0x698, 0x6af, 0x6cc, 0x6a9]);
const URDU = new Set([0x679, 0x688, 0x691, 0x6ba, 0x6be, 0x6d2]);

const MAX_CHARS = 2000;
const MAX_WORDS = 300;

function isWordSeparator(c: number): boolean {
  if (c < 128) return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90));
  return (c >= 0x80 && c <= 0xbf) || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f);
}

export function identifyLanguage(text: string): LanguageGuess {
  const n = Math.min(text.length, MAX_CHARS);
  const counts = new Map<Script, number>();
  let letters = 0;
  let persian = 0;
  let urdu = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const s = scriptOf(c);
    if (!s) continue;
    letters++;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (s === "arabic") {
      if (PERSIAN.has(c)) persian++;
      if (URDU.has(c)) urdu++;
    }
  }
  if (letters === 0) return { lang: "unknown", script: "none", evidence: 0 };
  let script: Script = "latin";
  let most = 0;
  for (const [s, k] of counts)
    if (k > most) {
      most = k;
      script = s;
    }
  const share = most / letters;
  // Japanese mixes kana with Han; Chinese has no kana.
  if (script === "han" || script === "kana") {
    const kana = counts.get("kana") ?? 0;
    return { lang: kana > 0.05 * (kana + (counts.get("han") ?? 0)) ? "ja" : "zh", script, evidence: share };
  }
  if (script === "arabic") {
    const lang = urdu > 2 && urdu >= persian ? "ur" : persian > 2 ? "fa" : "ar";
    return { lang, script, evidence: share };
  }
  const byScript = SCRIPT_LANG[script];
  if (byScript) return { lang: byScript, script, evidence: share };
  return byWords(text.slice(0, n).toLowerCase(), script);
}

function byWords(lower: string, script: Script): LanguageGuess {
  const hits = new Float64Array(LANGS.length);
  let words = 0;
  let start = -1;
  const take = (end: number): void => {
    words++;
    const langs = WORDS.get(lower.slice(start, end));
    if (langs) for (const li of langs) hits[li]! += 1;
  };
  for (let i = 0; i <= lower.length && words < MAX_WORDS; i++) {
    const sep = i === lower.length || isWordSeparator(lower.charCodeAt(i));
    if (sep) {
      if (start >= 0) take(i);
      start = -1;
    } else if (start < 0) start = i;
  }
  let best = -1;
  let second = 0;
  for (let li = 0; li < LANGS.length; li++) {
    const h = hits[li]!;
    if (best < 0 || h > hits[best]!) {
      if (best >= 0) second = Math.max(second, hits[best]!);
      best = li;
    } else second = Math.max(second, h);
  }
  const top = best >= 0 ? hits[best]! : 0;
  if (top < 2 || top === second) return { lang: "unknown", script, evidence: top };
  return { lang: LANGS[best]!, script, evidence: top };
}
