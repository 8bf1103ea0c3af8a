/**
 * Turning raw texts into task examples: trim, drop empty, cut long texts, and de-duplicate within a task.
 * A text that appears with both labels is ambiguous training signal, so both copies are dropped and counted.
 */
import type { Example } from "../../types.js";

/** Longest text kept; longer texts are cut (not dropped) so long documents still contribute. */
export const MAX_TEXT_CHARS = 8000;

/** Trims and cuts a text to MAX_TEXT_CHARS without splitting a surrogate pair. Returns "" for blank text. */
export function cleanText(raw: string): string {
  const text = raw.trim();
  if (text.length <= MAX_TEXT_CHARS) return text;
  let end = MAX_TEXT_CHARS;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trimEnd();
}

/** Builds an example, or null when the cleaned text is empty. Undefined optional fields are left out. */
export function makeExample(
  raw: string,
  label: 0 | 1,
  source: string,
  extra: { lang?: string | undefined; category?: string | undefined; group?: string | undefined } = {},
): Example | null {
  const text = cleanText(raw);
  if (text === "") return null;
  const example: Example = { text, label, source };
  if (extra.lang !== undefined) example.lang = extra.lang;
  if (extra.category !== undefined) example.category = extra.category;
  if (extra.group !== undefined) example.group = extra.group;
  return example;
}

/** Keeps the non-null examples. */
export function compact(examples: readonly (Example | null)[]): Example[] {
  return examples.filter((e): e is Example => e !== null);
}

export interface FinalizeStats {
  /** Exact duplicates with the same label that were dropped (the first copy is kept). */
  duplicates: number;
  /** Distinct texts that appeared with both labels; every copy of each was dropped. */
  conflicts: number;
}

/** De-duplicates exact texts (first wins) and drops texts that carry both labels. */
export function finalizeExamples(examples: readonly Example[]): {
  examples: Example[];
  stats: FinalizeStats;
} {
  const labels = new Map<string, number>();
  for (const e of examples) labels.set(e.text, (labels.get(e.text) ?? 0) | (e.label === 1 ? 2 : 1));
  const seen = new Set<string>();
  const out: Example[] = [];
  let duplicates = 0;
  let conflicts = 0;
  for (const [, mask] of labels) if (mask === 3) conflicts++;
  for (const e of examples) {
    if (labels.get(e.text) === 3) continue;
    if (seen.has(e.text)) {
      duplicates++;
      continue;
    }
    seen.add(e.text);
    out.push(e);
  }
  return { examples: out, stats: { duplicates, conflicts } };
}
