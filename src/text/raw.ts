import type { GuardText, Span, TextView } from "./types.js";

/** The identity view: the raw text itself, whose offsets are raw offsets. */
export function rawView(raw: string): TextView {
  return { kind: "raw", text: raw, toRaw: (span: Span): Span => [span[0], span[1]] };
}

/** A GuardText with only the raw view and no flags: for callers that skip normalisation. */
export function rawText(raw: string): GuardText {
  return { raw, views: [rawView(raw)], flags: [] };
}
