/**
 * The JSON Schema `format` values a tool's argument schema may use, each checked by plain code (no
 * regular expressions, so every check is linear in the value's length). A schema naming any other
 * format is rejected when the policy loads, rather than silently not checked.
 */
import { isIPv4, isIPv6 } from "node:net";

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isAlnum(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isSpaceOrControl(c: number): boolean {
  return c <= 32 || c === 127;
}

/** Digits in s[from, to), as a number; NaN when any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return NaN;
    n = n * 10 + (c - 48);
  }
  return n;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** RFC 3339 full-date: YYYY-MM-DD, a real calendar day. */
export function isDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== "-" || s[7] !== "-") return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  if (m === 2 && d === 29) return isLeap(y);
  return d <= DAYS[m - 1]!;
}

/** RFC 3339 date-time: full-date "T" HH:MM:SS[.frac] (Z | ±HH:MM). */
export function isDateTime(s: string): boolean {
  if (s.length < 20 || s.length > 64) return false;
  if (!isDate(s.slice(0, 10))) return false;
  const t = s[10];
  if (t !== "T" && t !== "t" && t !== " ") return false;
  if (s[13] !== ":" || s[16] !== ":") return false;
  const hh = digits(s, 11, 13);
  const mm = digits(s, 14, 16);
  const ss = digits(s, 17, 19);
  if (!(hh <= 23 && mm <= 59 && ss <= 60)) return false;
  let i = 19;
  if (s[i] === ".") {
    i++;
    const start = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  const zone = s.slice(i);
  if (zone === "Z" || zone === "z") return true;
  if (zone.length !== 6 || (zone[0] !== "+" && zone[0] !== "-") || zone[3] !== ":") return false;
  const zh = digits(zone, 1, 3);
  const zm = digits(zone, 4, 6);
  return zh <= 23 && zm <= 59;
}

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens, 1-63 each, 253 in all. */
export function isHostname(s: string): boolean {
  const host = s.endsWith(".") ? s.slice(0, -1) : s;
  if (host.length === 0 || host.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63) return false;
      if (host[labelStart] === "-" || host[i - 1] === "-") return false;
      labelStart = i + 1;
    } else if (!isAlnum(c) && c !== 45) return false;
  }
  return true;
}

/** An e-mail address as tools take it: one "@", a non-empty local part, a host name with a dot. */
export function isEmail(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.indexOf("@");
  if (at <= 0 || at > 64 || s.indexOf("@", at + 1) >= 0) return false;
  for (let i = 0; i < at; i++) if (isSpaceOrControl(s.charCodeAt(i))) return false;
  const domain = s.slice(at + 1);
  return domain.includes(".") && isHostname(domain);
}

/** An absolute URI (it has a scheme) that the WHATWG URL parser accepts. */
export function isUri(s: string): boolean {
  const colon = s.indexOf(":");
  if (colon <= 0 || s.length > 8192) return false;
  for (let i = 0; i < s.length; i++) if (isSpaceOrControl(s.charCodeAt(i))) return false;
  return URL.canParse(s);
}

/** 8-4-4-4-12 hexadecimal digits. */
export function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!isHex(c)) return false;
  }
  return true;
}

/** Supported format name -> check. */
export const ARGS_SCHEMA_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  date: isDate,
  "date-time": isDateTime,
  email: isEmail,
  hostname: isHostname,
  ipv4: (s) => isIPv4(s),
  ipv6: (s) => isIPv6(s),
  uri: isUri,
  uuid: isUuid,
};
