/**
 * Finds links in text: markdown links and images (inline and reference style), HTML <img> and
 * <a> tags, bare http(s)/ftp URLs and bare www. hosts. Every pattern is linear: each gap is
 * bounded and excludes the character that starts the next possible match, so scanning never
 * revisits a long stretch of text from many starting points.
 */

export type LinkKind = "markdown-image" | "markdown-link" | "html-image" | "html-link" | "bare";

export interface LinkCandidate {
  kind: LinkKind;
  /** The URL as written (trimmed of surrounding markup). */
  url: string;
  /** Span of the URL in the scanned text. */
  urlSpan: [number, number];
  /** Span of the whole construct (e.g. the full ![alt](url)), for redaction. */
  span: [number, number];
}

/** ![alt](url or [text](url; the URL part stops at whitespace or angle brackets. */
const MD_INLINE = /(!?)\[([^[\]\n]{0,1000})\]\([ \t]{0,8}<?([^\s<>]{1,4000})/g;
/** Reference definition: [label]: url at the start of a line. */
const MD_REF_DEF = /^[ \t]{0,3}\[([^[\]\n]{1,200})\]:[ \t]{0,8}<?([^\s<>]{1,4000})/gm;
/** Image by reference: ![alt][label], ![alt][] or ![alt]. */
const MD_IMAGE_REF = /!\[([^[\]\n]{0,1000})\](?:\[([^[\]\n]{0,200})\])?/g;
/** An <img ...> or <a ...> tag; attributes are read from it separately. */
const HTML_TAG = /<(img|a)\s[^<>]{0,2000}>/gi;
const HTML_ATTR =
  /\b(src|href)[ \t\n]{0,4}=[ \t\n]{0,4}(?:"([^"]{0,4000})"|'([^']{0,4000})'|([^\s"'>]{1,4000}))/gi;
/** Bare URLs with a scheme, and bare www. hosts. */
const BARE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`\\]{1,4000}/gi;

const BLANKS = /\s+/g;
const ANGLE_END = />$/;

export const PATTERNS: readonly RegExp[] = [
  MD_INLINE,
  MD_REF_DEF,
  MD_IMAGE_REF,
  HTML_TAG,
  HTML_ATTR,
  BARE,
  BLANKS,
  ANGLE_END,
];

const TRAILING = new Set([".", ",", ";", ":", "!", "?", "*", "_", "'", '"', "~"]);
const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Drops trailing punctuation that belongs to the sentence, and closing brackets the URL did not open. */
export function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    if (end === 0) break;
    const ch = url[end - 1] as string;
    if (TRAILING.has(ch)) {
      end--;
      continue;
    }
    const opener = CLOSERS[ch];
    if (opener) {
      let open = 0;
      let close = 0;
      for (let i = 0; i < end; i++) {
        const c = url[i];
        if (c === opener) open++;
        else if (c === ch) close++;
      }
      if (close > open) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

/** The URL of a markdown inline link ends at the first ")" that closes nothing opened inside it. */
function cutAtClosingParen(url: string): string {
  let depth = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return url.slice(0, i);
      depth--;
    }
  }
  return url;
}

/** Index of the char code c in text[from, from + limit), or -1. */
function indexWithin(text: string, c: number, from: number, limit: number): number {
  const end = Math.min(text.length, from + limit);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === c) return i;
  return -1;
}

const refKey = (label: string): string => label.trim().replace(BLANKS, " ").toLowerCase();

function pushIfNew(out: LinkCandidate[], c: LinkCandidate): void {
  if (c.url.length > 0) out.push(c);
}

function markdown(text: string, out: LinkCandidate[]): void {
  MD_INLINE.lastIndex = 0;
  for (let m = MD_INLINE.exec(text); m !== null; m = MD_INLINE.exec(text)) {
    const raw = m[3] as string;
    const url = cutAtClosingParen(raw).replace(ANGLE_END, "");
    const urlStart = m.index + m[0].length - raw.length;
    const urlEnd = urlStart + url.length;
    // The construct ends after the closing parenthesis (an optional title may come first).
    const close = indexWithin(text, 41, urlEnd, 400);
    const end = close >= 0 ? close + 1 : urlEnd;
    pushIfNew(out, {
      kind: m[1] === "!" ? "markdown-image" : "markdown-link",
      url,
      urlSpan: [urlStart, urlEnd],
      span: [m.index, end],
    });
    // Continue right after the URL as cut, not after the whole greedy match, so nothing is lost;
    // the URL itself is never scanned again, which keeps the scan linear.
    MD_INLINE.lastIndex = Math.max(m.index + 1, urlEnd);
  }

  if (!text.includes("]:")) return;
  const defs = new Map<string, { url: string; start: number; matchStart: number; matchEnd: number }>();
  MD_REF_DEF.lastIndex = 0;
  for (let m = MD_REF_DEF.exec(text); m !== null; m = MD_REF_DEF.exec(text)) {
    const url = (m[2] as string).replace(ANGLE_END, "");
    const key = refKey(m[1] as string);
    if (!defs.has(key))
      defs.set(key, {
        url,
        start: m.index + m[0].length - (m[2] as string).length,
        matchStart: m.index,
        matchEnd: m.index + m[0].length,
      });
  }
  if (defs.size === 0) return;
  const imageRefs = new Set<string>();
  MD_IMAGE_REF.lastIndex = 0;
  for (let m = MD_IMAGE_REF.exec(text); m !== null; m = MD_IMAGE_REF.exec(text)) {
    imageRefs.add(refKey(m[2] ? m[2] : (m[1] as string)));
  }
  for (const [key, d] of defs) {
    // A definition used by an image is fetched when the text is rendered, like an inline image.
    pushIfNew(out, {
      kind: imageRefs.has(key) ? "markdown-image" : "markdown-link",
      url: d.url,
      urlSpan: [d.start, d.start + d.url.length],
      span: [d.matchStart, d.matchEnd],
    });
  }
}

function html(text: string, out: LinkCandidate[]): void {
  HTML_TAG.lastIndex = 0;
  for (let m = HTML_TAG.exec(text); m !== null; m = HTML_TAG.exec(text)) {
    const tag = m[0];
    const isImg = (m[1] as string).toLowerCase() === "img";
    HTML_ATTR.lastIndex = 0;
    for (let a = HTML_ATTR.exec(tag); a !== null; a = HTML_ATTR.exec(tag)) {
      const attr = (a[1] as string).toLowerCase();
      if ((isImg && attr !== "src") || (!isImg && attr !== "href")) continue;
      const value = (a[2] ?? a[3] ?? a[4] ?? "").trim();
      const offset = a.index + a[0].lastIndexOf(value);
      const start = m.index + offset;
      pushIfNew(out, {
        kind: isImg ? "html-image" : "html-link",
        url: value,
        urlSpan: [start, start + value.length],
        span: [m.index, m.index + tag.length],
      });
      break;
    }
  }
}

function bare(text: string, out: LinkCandidate[], taken: Array<[number, number]>): void {
  taken.sort((a, b) => a[0] - b[0]);
  let t = 0;
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m !== null; m = BARE.exec(text)) {
    const start = m.index;
    while (t < taken.length && (taken[t] as [number, number])[1] <= start) t++;
    // Already part of a markdown or HTML link.
    if (t < taken.length && (taken[t] as [number, number])[0] <= start) continue;
    const url = trimUrl(m[0]);
    if (url.length < 5) continue;
    out.push({ kind: "bare", url, urlSpan: [start, start + url.length], span: [start, start + url.length] });
  }
}

/** Every link in the text, markdown and HTML ones first, then bare URLs not inside them. */
export function extractLinks(text: string): LinkCandidate[] {
  const out: LinkCandidate[] = [];
  if (text.includes("](") || text.includes("]:")) markdown(text, out);
  if (text.includes("<")) html(text, out);
  const taken = out.map((c) => c.urlSpan);
  if (text.includes("://") || text.includes("www.") || text.includes("WWW.")) bare(text, out, taken);
  return out;
}
