/** "Did you mean" suggestions for misspelt keys, categories, stages and detector names. */

const MAX_WORD = 64;

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("thersold"). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo: at most a third of the
 * word's length in edits (at least one). Case is ignored.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  // Distance is quadratic in length; names are short, and a long string is not a typo of one.
  if (word.length > MAX_WORD) return undefined;
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = suggest(word, candidates);
  return s !== undefined && s !== word ? ` (did you mean "${s}"?)` : "";
}
