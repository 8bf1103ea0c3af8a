/**
 * Tokens for groundedness: words and numbers with their offsets, normalised for matching (case and
 * accents folded, possessive and plural endings dropped), and the function words that carry no claim.
 */

/**
 * A number (digits, with "," or "." between digit groups, and letters right after such as "19th" or
 * "5km"), or a word (letters and digits, joined by apostrophes: "O'Neil", "Arthur's"; a hyphen
 * splits words, so "action-adventure" holds "action"). The two alternatives start with disjoint
 * classes and each joiner is outside the class it joins, so there is one way to match any input:
 * linear time.
 */
const TOKEN = /\p{N}+(?:[.,]\p{N}+)*\p{L}*|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const MARKS = /\p{M}/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const CURLY_APOSTROPHE = /’/g;
const STARTS_WITH_DIGIT = /^\p{N}/u;

export const PATTERNS: readonly RegExp[] = [TOKEN, MARKS, ASCII_ONLY, CURLY_APOSTROPHE, STARTS_WITH_DIGIT];

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower-case, accents removed. */
  folded: string;
  /** Folded and stemmed form, for matching. */
  norm: string;
  start: number;
  end: number;
  isNumber: boolean;
  /** Starts with an upper-case letter. */
  capitalised: boolean;
}

/** Lower-case, accents removed (é → e), typographic apostrophe unified. */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  if (ASCII_ONLY.test(lower)) return lower;
  return lower.normalize("NFD").replace(MARKS, "").replace(CURLY_APOSTROPHE, "'");
}

/** A folded word without its possessive and (simple) plural ending: "magazines'" / "arthur's" → stem. */
export function stem(folded: string): string {
  let w = folded;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
    return w.slice(0, -1);
  }
  return w;
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const t = m[0];
    const first = t.charAt(0);
    const isNumber = (first >= "0" && first <= "9") || STARTS_WITH_DIGIT.test(first);
    const folded = fold(t);
    out.push({
      text: t,
      folded,
      norm: isNumber ? folded : stem(folded),
      start: m.index,
      end: m.index + t.length,
      isNumber,
      capitalised: !isNumber && isUpper(first),
    });
  }
  return out;
}

/** English function words: they carry no claim of their own. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being " +
    "below between both but by can could did do does doing down during each either else ever few for from " +
    "further had has have having he her here hers herself him himself his how however i if in into is it its " +
    "itself just let me more most much must my myself neither nor now of off on once one only or other our ours " +
    "ourselves out over own per quite rather same shall she should so some such than that the their theirs them " +
    "themselves then there these they this those through thus to too under until up upon us very via was we " +
    "were what when where whether which while who whom whose why will with within without would yet you your " +
    "yours yourself yourselves actually indeed instead yes known called named"
  ).split(" "),
);

/** Words that turn a statement around. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  "not",
  "no",
  "never",
  "none",
  "nobody",
  "nothing",
  "neither",
  "nor",
  "cannot",
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  "doesn't",
  "don't",
  "didn't",
  "hasn't",
  "haven't",
  "hadn't",
  "won't",
  "wouldn't",
  "can't",
  "couldn't",
  "shouldn't",
]);

/** A token that carries content: not a function word, not a negation, not a single letter. */
export function isContent(t: Pick<Token, "folded" | "norm">): boolean {
  return t.norm.length > 1 && !STOPWORDS.has(t.folded) && !NEGATIONS.has(t.folded);
}
