/**
 * The shapes of normalised text. Every detector receives a GuardText: the raw string plus views
 * of it (NFKC without invisibles, confusable skeleton, leetspeak fold, decoded payloads). Each
 * view maps its offsets back to the raw text so a finding in any view can be redacted in the raw.
 */

export type Span = [start: number, end: number];

export type ViewKind = "raw" | "normalized" | "skeleton" | "leet" | "decoded" | "tag-smuggled";

export interface TextView {
  kind: ViewKind;
  text: string;
  /** For decoded views: the chain of encodings unwrapped, outermost first (e.g. ["base64", "hex"]). */
  encodings?: string[];
  /** Maps a half-open span of this view's text to the smallest raw span that produced it. */
  toRaw(span: Span): Span;
}

export type TextFlagKind =
  | "invisible" // zero-width and other default-ignorable characters
  | "bidi-control" // bidi embeddings, overrides and isolates
  | "tag-characters" // Unicode tag block (U+E0000–U+E007F), used to smuggle ASCII
  | "mixed-script" // a word mixing scripts, e.g. Latin with Cyrillic look-alikes
  | "confusables" // characters folded by the confusable skeleton
  | "encoded" // a decoded payload (base64, hex, rot13, url, html)
  | "decode-limit"; // decoding stopped at a depth or size limit

export interface TextFlag {
  kind: TextFlagKind;
  /** Raw span the flag refers to. */
  span: Span;
  /** How many characters or items were involved. */
  count: number;
  /** Short human-readable detail, e.g. the decoded tag payload or the encoding chain. */
  detail?: string;
}

export interface GuardText {
  raw: string;
  /** All views; views[0] is always the raw view. */
  views: TextView[];
  flags: TextFlag[];
}

export interface NormalizeOptions {
  /** How many nested encodings to unwrap (default 3). */
  maxDecodeDepth?: number;
  /** Upper bound on the total characters of all decoded views (default 64 KiB). */
  maxDecodedChars?: number;
  /** Minimum length of a candidate encoded run (default 16). */
  minEncodedLength?: number;
}
