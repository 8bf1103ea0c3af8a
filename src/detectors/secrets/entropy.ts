/** Character statistics used to tell random secrets from words, identifiers and placeholders. */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface CharClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  /** Any other printable character. */
  symbol: boolean;
  /** How many of the four classes occur. */
  count: number;
}

export function charClasses(value: string): CharClasses {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 48 && c <= 57) digit = true;
    else symbol = true;
  }
  return { lower, upper, digit, symbol, count: +lower + +upper + +digit + +symbol };
}

/** Share of adjacent letter pairs that switch case: ~0.5 for random mixed case, ~0.1-0.2 for camelCase. */
export function caseSwitchRate(value: string): number {
  let pairs = 0;
  let switches = 0;
  let prev = 0; // 1 lower, 2 upper, 0 other
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const cur = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 0;
    if (cur !== 0 && prev !== 0) {
      pairs++;
      if (cur !== prev) switches++;
    }
    prev = cur;
  }
  return pairs === 0 ? 0 : switches / pairs;
}

/**
 * Share of adjacent letter pairs that are both upper-case: ~0.25 in random mixed-case text, ~0 in
 * camelCase identifiers, whose capitals start words ("ThisIsMyVeryLongName").
 */
export function upperPairRate(value: string): number {
  let pairs = 0;
  let both = 0;
  let prevUpper = false;
  let prevLetter = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const letter = upper || (c >= 97 && c <= 122);
    if (letter && prevLetter) {
      pairs++;
      if (upper && prevUpper) both++;
    }
    prevUpper = upper;
    prevLetter = letter;
  }
  return pairs === 0 ? 0 : both / pairs;
}

/** True for runs such as "abcdef", "123456", "ZYXWVU": typical of hand-typed fake keys. */
export function hasSequentialRun(value: string, runLength = 6): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= runLength || down >= runLength) return true;
  }
  return false;
}

/** Longest run of one repeated character. */
export function longestRepeat(value: string): number {
  let best = value.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}
