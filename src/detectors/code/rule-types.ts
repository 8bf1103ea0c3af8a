import type { CodeScan } from "./code-scan.js";

/**
 * Scores for one kind of hit: `exec` where the text is about to run (a tool call's arguments),
 * `text` where it is only written down (a question, a document, an answer). The same DROP TABLE
 * is a destructive action in a SQL tool call and a topic in a sentence about SQL.
 */
export interface Severity {
  exec: number;
  text: number;
}

export interface CodeHit {
  label: string;
  start: number;
  end: number;
  severity: Severity;
  /** What was seen, in a few words. */
  evidence: string;
}

export interface CodeRule {
  /** Finding label(s) the rule produces, for documentation and tests. */
  labels: readonly string[];
  lang: "shell" | "sql";
  /** Lower-case substrings; the rule runs only on text containing one of them. */
  keywords: readonly string[];
  find(scan: CodeScan, out: CodeHit[]): void;
}

const BLANKS = /\s+/g;
export const PATTERNS: readonly RegExp[] = [BLANKS];

/** The matched text, shortened for evidence. */
export function snippet(text: string, start: number, end: number, max = 80): string {
  const s = text.slice(start, Math.min(end, start + max)).replace(BLANKS, " ");
  return end - start > max ? `${s}…` : s;
}
