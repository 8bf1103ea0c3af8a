/**
 * Numbers as values, however they are written: "1,000", "1000", "1.5 million", "one thousand",
 * "twenty-five" (read as the words "twenty" "five"), "19th". A value's canonical string is what claims and context compare.
 * Character scans only, no regular expressions.
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Ordinal words ("first" is left out: it is mostly "earliest", not a count). */
const ORDINALS: Record<string, number> = {
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  hundredth: 100,
};

export const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

/** The canonical string of a value: twelve significant digits, no exponent for ordinary sizes. */
export function canonical(v: number): string {
  return String(Number(v.toPrecision(12)));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digits only, between separators: "1,000,000" → ["1", "000", "000"], separators [","  ","]. */
function groups(s: string): { parts: string[]; seps: string[] } {
  const parts: string[] = [];
  const seps: string[] = [];
  let cur = "";
  for (const ch of s) {
    if (ch === "," || ch === ".") {
      parts.push(cur);
      seps.push(ch);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return { parts, seps };
}

/**
 * The value of a digit token's numeric part ("1,000.5", "3,5", "1.000.000"). English grouping is
 * assumed where it is ambiguous: "1,000" is a thousand and "1.000" is one.
 */
export function parseDigits(s: string): number | undefined {
  const { parts, seps } = groups(s);
  if (parts.some((p) => p.length === 0)) return undefined;
  if (seps.length === 0) return Number(parts[0]);
  const commas = seps.filter((c) => c === ",").length;
  const dots = seps.length - commas;
  const tailGroupsOf3 = (n: number) => parts.slice(1, n + 1).every((p) => p.length === 3);
  // 1,000,000 or 1,000.5: commas group thousands (every group after the first has 3 digits).
  if (commas > 0 && dots <= 1 && (dots === 0 || seps[seps.length - 1] === ".") && tailGroupsOf3(commas)) {
    return Number(parts.slice(0, commas + 1).join("") + (dots === 1 ? `.${parts[parts.length - 1]}` : ""));
  }
  // 1.000.000 or 1.000,5: dots group thousands.
  if (dots > 1 && (commas === 0 || (commas === 1 && seps[seps.length - 1] === ",")) && tailGroupsOf3(dots)) {
    return Number(parts.slice(0, dots + 1).join("") + (commas === 1 ? `.${parts[parts.length - 1]}` : ""));
  }
  if (seps.length === 1) return Number(`${parts[0]}.${parts[1]}`); // 3.5 or 3,5
  return undefined;
}

export interface DigitToken {
  value: number;
  /** Letters right after the digits: "th" in 19th, "s" in 1990s, "km" in 5km. */
  suffix: string;
  /** The digits had no separators (a year is written like that). */
  plain: boolean;
}

/** Splits a number token ("19th", "1,000", "5km") into its value and letter suffix. */
export function parseDigitToken(token: string): DigitToken | undefined {
  let i = 0;
  while (i < token.length) {
    const c = token.charCodeAt(i);
    if (isDigit(c) || c === 44 || c === 46) i++;
    else break;
  }
  const value = parseDigits(token.slice(0, i));
  if (value === undefined || !Number.isFinite(value)) return undefined;
  let plain = true;
  for (let j = 0; j < i; j++) if (!isDigit(token.charCodeAt(j))) plain = false;
  return { value, suffix: token.slice(i).toLowerCase(), plain };
}

/** The value of one number word (a unit, a tens word or an ordinal; "twenty-five" is two words). */
export function numberWordValue(folded: string): number | undefined {
  return UNITS[folded] ?? ORDINALS[folded];
}

export function isScaleWord(folded: string): boolean {
  return SCALES[folded] !== undefined;
}

/**
 * Reads a run of number words and scale words starting at `words[from]` ("two hundred and five",
 * "3 million" when the caller passes the digit value as `lead`). Returns the value and how many
 * words were used, or undefined when the run is not a number.
 */
export function readNumberWords(
  words: readonly string[],
  from: number,
  lead?: number,
): { value: number; used: number } | undefined {
  let total = 0;
  let current = lead ?? 0;
  let seen = lead !== undefined;
  let last: number | undefined;
  let i = from;
  for (; i < words.length; i++) {
    const w = words[i] as string;
    const scale = SCALES[w];
    if (scale !== undefined) {
      if (!seen) break;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      last = undefined;
      continue;
    }
    if (
      w === "and" &&
      seen &&
      i + 1 < words.length &&
      numberWordValue(words[i + 1] as string) !== undefined
    ) {
      continue;
    }
    if (lead !== undefined) break; // after digits only scale words continue the number
    const v = numberWordValue(w);
    if (v === undefined) break;
    // Below a hundred, only a tens word takes a unit after it ("twenty five"; not "two three").
    if (last !== undefined && last < 100 && !(last >= 20 && last % 10 === 0 && v < 10)) break;
    current += v;
    last = v;
    seen = true;
  }
  const used = i - from;
  if (!seen || (lead !== undefined && used === 0)) return undefined;
  return { value: total + current, used };
}
