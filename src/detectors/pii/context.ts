/**
 * Context words: words near a candidate that make it more or less likely to be the entity
 * ("card" before sixteen digits, "tracking" before a number). Matching is on whole words in the
 * lower-cased text, in a small window before and after the candidate.
 */

const BEFORE = 48;
const AFTER = 32;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

/** Whether `word` occurs in `hay` as a whole word (or phrase). */
export function hasWord(hay: string, word: string): boolean {
  let i = hay.indexOf(word);
  // Scripts written without spaces (CJK) have no word boundaries to check.
  if (i !== -1 && word.charCodeAt(0) >= 0x2e80) return true;
  while (i !== -1) {
    const before = i === 0 ? 32 : hay.charCodeAt(i - 1);
    const after = i + word.length >= hay.length ? 32 : hay.charCodeAt(i + word.length);
    if (!isWordChar(before) && !isWordChar(after)) return true;
    i = hay.indexOf(word, i + 1);
  }
  return false;
}

/**
 * The first of `words` found near [start, end), or undefined. The windows are sliced first so a
 * search never runs past them (many candidates in a long text stay linear).
 */
export function nearWord(
  lower: string,
  start: number,
  end: number,
  words: readonly string[],
  before = BEFORE,
  after = AFTER,
): string | undefined {
  const pre = before > 0 ? lower.slice(Math.max(0, start - before), start) : "";
  const post = after > 0 ? lower.slice(end, Math.min(lower.length, end + after)) : "";
  for (const w of words) {
    if (hasWord(pre, w) || hasWord(post, w)) return w;
  }
  return undefined;
}

export interface ContextRule {
  positive: readonly string[];
  negative?: readonly string[];
  /** Added when a positive word is near. */
  boost: number;
  /** Subtracted when a negative word is near (and no positive one). */
  penalty?: number;
  before?: number;
  after?: number;
}

/** Adjusts a base score by context; returns the score (clamped to 0..0.99) and the word that moved it. */
export function applyContext(
  lower: string,
  start: number,
  end: number,
  base: number,
  rule: ContextRule,
): { score: number; word?: string } {
  const pos = nearWord(lower, start, end, rule.positive, rule.before, rule.after);
  if (pos !== undefined) return { score: clamp(base + rule.boost), word: pos };
  if (rule.negative) {
    const neg = nearWord(lower, start, end, rule.negative, rule.before, rule.after);
    if (neg !== undefined) return { score: clamp(base - (rule.penalty ?? 0.3)), word: neg };
  }
  return { score: clamp(base) };
}

export function clamp(score: number): number {
  return Math.max(0, Math.min(0.99, score));
}

/** Context words that make a number look like something other than personal data. */
export const NOT_PII_NUMBER_WORDS: readonly string[] = [
  "order",
  "order number",
  "order no",
  "tracking",
  "invoice",
  "isbn",
  "issn",
  "reference",
  "ref",
  "ticket",
  "serial",
  "part number",
  "sku",
  "model",
  "version",
  "build",
  "transaction id",
  "confirmation",
  "booking",
  "receipt",
];
