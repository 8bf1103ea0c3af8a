/**
 * Escaping for every output format. Case text is attack text: it must come out as inert text in HTML,
 * XML and Markdown, whatever it contains.
 */

const HTML_SPECIAL = /[&<>"']/g;
/** Characters XML 1.0 cannot carry at all, even escaped: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F. */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Markdown syntax characters that could start formatting, a link, a table cell or raw HTML. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&|#!~]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
/** Controls (C0, DEL, C1: ANSI escapes start here) and bidi overrides that could rewrite a terminal line. */
const TERMINAL_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

const WHITESPACE_RUN = /\s+/g;

export const PATTERNS: readonly RegExp[] = [
  WHITESPACE_RUN,
  HTML_SPECIAL,
  XML_INVALID,
  MARKDOWN_SPECIAL,
  LINE_BREAKS,
  TERMINAL_UNSAFE,
];

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for XML or HTML content and quoted attribute values (SVG included). Characters XML cannot
 * represent (NUL, other C0 controls such as ESC, lone surrogates) become U+FFFD.
 */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, "\uFFFD").replace(HTML_SPECIAL, (ch) => HTML_ENTITIES[ch]!);
}

/** The same escaping for HTML: an HTML report must be as clean as XML. */
export const escapeHtml = escapeXml;

/** Escapes text for one Markdown table cell: inline, no formatting, no raw HTML, no cell breaks. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(LINE_BREAKS, " ")
    .replace(TERMINAL_UNSAFE, "\uFFFD")
    .replace(MARKDOWN_SPECIAL, (ch) =>
      ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === "&" ? "&amp;" : `\\${ch}`,
    );
}

/** Makes text safe to print on one terminal line: breaks become spaces, controls become U+FFFD. */
export function escapeTerminal(text: string): string {
  return text.replace(LINE_BREAKS, " ").replace(TERMINAL_UNSAFE, "\uFFFD");
}

/** Collapses every run of whitespace (line breaks included) to one space. */
export function oneLine(text: string): string {
  return text.replace(WHITESPACE_RUN, " ").trim();
}

/** Shortens text to at most `max` UTF-16 units, cutting on a code-point boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
