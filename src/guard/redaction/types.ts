/** Shapes of redaction: what to redact, and what was put in its place. */
import type { RedactionMode } from "../../policy/schema.js";

/** A raw-text span (half-open, UTF-16 offsets) and the label of what it holds. */
export interface RedactionItem {
  span: [number, number];
  label: string;
}

/** One replacement made in the text. The original value is deliberately not included. */
export interface Replacement {
  /** Span in the input text. */
  span: [number, number];
  /** Span of the replacement in the output text. */
  outputSpan: [number, number];
  label: string;
  mode: RedactionMode;
  replacement: string;
}

export interface RedactionResult {
  text: string;
  replacements: Replacement[];
}
