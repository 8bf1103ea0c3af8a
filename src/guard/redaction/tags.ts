/** Placeholder tags: a label as an upper-case identifier ("credit-card" → CREDIT_CARD). */
const NON_ALNUM = /[^A-Z0-9]+/g;

export const PATTERNS: readonly RegExp[] = [NON_ALNUM];

export function tagFor(label: string): string {
  const tag = label.toUpperCase().replace(NON_ALNUM, "_");
  // Trim edge underscores by index (an anchored /_+$/ would be quadratic on long runs).
  let s = 0;
  let e = tag.length;
  while (s < e && tag[s] === "_") s++;
  while (e > s && tag[e - 1] === "_") e--;
  return e > s ? tag.slice(s, e) : "REDACTED";
}
