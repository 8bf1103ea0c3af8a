/**
 * Parsing of `name <op> value` around a keyword hit: `name = value`, `name: value`,
 * `"name": "value"`, `name := value`, `name => value`, `NAME=value`, `--name value`,
 * `setenv("NAME", "value")`, `<name>value</name>` and `Authorization: Bearer value`. All scanning is
 * bounded: names are at most MAX_NAME characters, values at most MAX_VALUE.
 */
import { isIdent } from "./chars.js";

const MAX_NAME = 64;
export const MAX_VALUE = 512;

/** Operator and value after a name (sticky, run at the end of the name). */
export const ASSIGN_RE =
  /\\?["'`]?\]?[ \t]{0,4}(?::=|=>|\?=|\+=|={1,3}|::?|>|,|\|\|)[ \t]{0,4}(\\?["'`])?[ \t]{0,2}(?:(bearer|basic|token|api-token|ssws|digest)[ \t]{1,3})?([^\s"'`<>,;()[\]{}\\|]{1,512})/iy;

/** A value separated from its name by blanks only, as in `--token value` (sticky). */
export const SPACED_RE = /[ \t]{1,4}(\\?["'`])?([^\s"'`<>,;()[\]{}\\|]{1,512})/y;

export const ASSIGNMENT_PATTERNS: readonly RegExp[] = [ASSIGN_RE, SPACED_RE];

export interface Assignment {
  nameStart: number;
  nameEnd: number;
  name: string;
  valueStart: number;
  valueEnd: number;
  value: string;
  /** The value was opened by a quote. */
  quoted: boolean;
  /** A quoted value is closed by the same quote right after it (so it holds no blanks). */
  closed: boolean;
  /** The name is a command-line flag (`-p`, `--password`). */
  flag: boolean;
  /** An auth scheme word before the value (`Bearer`, `Basic`, ...), lower-cased. */
  scheme?: string;
  /** The character right after the value ('' at the end of the text). */
  after: string;
}

/**
 * The identifier (word characters, "." and "-") containing [pos, pos+len). Returns null when it is
 * longer than MAX_NAME: such runs are data, not names.
 */
export function identifierAt(text: string, pos: number, len: number): [number, number] | null {
  let s = pos;
  while (s > 0 && isIdent(text.charCodeAt(s - 1))) {
    s--;
    if (pos - s > MAX_NAME) return null;
  }
  let e = pos + len;
  while (e < text.length && isIdent(text.charCodeAt(e))) {
    e++;
    if (e - s > MAX_NAME) return null;
  }
  // Leading dashes belong to a flag (--token), a trailing dot or dash to the sentence.
  while (s < e && (text.charCodeAt(s) === 45 || text.charCodeAt(s) === 46)) s++;
  while (e > s && (text.charCodeAt(e - 1) === 45 || text.charCodeAt(e - 1) === 46)) e--;
  return e > s ? [s, e] : null;
}

/** Extends a name over following blanks and words (`facebook access_token`), up to 24 characters. */
export function extendName(text: string, end: number): number {
  let e = end;
  let lastWordEnd = end;
  const limit = Math.min(text.length, end + 24);
  while (e < limit) {
    const c = text.charCodeAt(e);
    if (c === 32 || c === 9) e++;
    else if (isIdent(c)) {
      e++;
      lastWordEnd = e;
    } else break;
  }
  return lastWordEnd;
}

export function parseAssignment(text: string, nameStart: number, nameEnd: number): Assignment | null {
  const flag = nameStart > 0 && text.charCodeAt(nameStart - 1) === 45; /* - */
  ASSIGN_RE.lastIndex = nameEnd;
  let m = ASSIGN_RE.exec(text);
  let quote: string | undefined;
  let value: string | undefined;
  let scheme: string | undefined;
  if (m) {
    quote = m[1];
    scheme = m[2]?.toLowerCase();
    value = m[3];
  } else if (flag) {
    SPACED_RE.lastIndex = nameEnd;
    m = SPACED_RE.exec(text);
    if (m) {
      quote = m[1];
      value = m[2];
    }
  }
  if (!m || value === undefined) return null;
  const valueEnd = m.index + m[0].length;
  const valueStart = valueEnd - value.length;
  const after = valueEnd < text.length ? (text[valueEnd] as string) : "";
  const q = quote ? quote[quote.length - 1] : undefined;
  return {
    nameStart,
    nameEnd,
    name: text.slice(nameStart, nameEnd),
    valueStart,
    valueEnd,
    value,
    quoted: q !== undefined,
    closed: q !== undefined && (after === q || (after === "\\" && text[valueEnd + 1] === q)),
    flag,
    scheme,
    after,
  };
}

/** Splits a name into lower-case words: "AWS_SECRET_ACCESS_KEY", "clientSecret", "api-key". */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let cur = "";
  let prevLowerOrDigit = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lowerOrDigit = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (upper || lowerOrDigit) {
      if (upper && prevLowerOrDigit && cur.length > 0) {
        words.push(cur);
        cur = "";
      }
      cur += upper ? String.fromCharCode(c + 32) : name[i];
    } else if (cur.length > 0) {
      words.push(cur);
      cur = "";
    }
    prevLowerOrDigit = lowerOrDigit;
  }
  if (cur.length > 0) words.push(cur);
  return words;
}
