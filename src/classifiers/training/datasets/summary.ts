/**
 * Counts of a task's examples per source × label × language, for logs and model cards.
 */
import type { Example } from "../types.js";

export interface SummaryRow {
  source: string;
  label: 0 | 1;
  /** ISO 639-1 code, or "?" when the example has none. */
  lang: string;
  count: number;
}

export interface Summary {
  total: number;
  positives: number;
  negatives: number;
  /** Sorted by source, then label, then language. */
  rows: SummaryRow[];
  /** Per source: total, and how many positives. */
  bySource: Record<string, { total: number; positives: number }>;
}

export function summarize(examples: readonly Example[]): Summary {
  const counts = new Map<string, SummaryRow>();
  const bySource: Record<string, { total: number; positives: number }> = {};
  let positives = 0;
  for (const e of examples) {
    const lang = e.lang ?? "?";
    const key = `${e.source}\u0000${e.label}\u0000${lang}`;
    const row = counts.get(key) ?? { source: e.source, label: e.label, lang, count: 0 };
    row.count++;
    counts.set(key, row);
    const source = (bySource[e.source] ??= { total: 0, positives: 0 });
    source.total++;
    if (e.label === 1) {
      source.positives++;
      positives++;
    }
  }
  const rows = [...counts.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || a.label - b.label || a.lang.localeCompare(b.lang),
  );
  return { total: examples.length, positives, negatives: examples.length - positives, rows, bySource };
}

/** A Markdown table of the summary: one line per source with positives, negatives and languages. */
export function summaryTable(summary: Summary): string {
  const langs = new Map<string, Map<string, number>>();
  for (const row of summary.rows) {
    const perSource = langs.get(row.source) ?? new Map<string, number>();
    perSource.set(row.lang, (perSource.get(row.lang) ?? 0) + row.count);
    langs.set(row.source, perSource);
  }
  const lines = ["| source | positives | negatives | languages |", "| --- | --: | --: | --- |"];
  for (const [source, { total, positives }] of Object.entries(summary.bySource).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const langList = [...(langs.get(source) ?? new Map<string, number>()).entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([lang, n]) => `${lang} ${n}`)
      .join(", ");
    lines.push(`| ${source} | ${positives} | ${total - positives} | ${langList} |`);
  }
  lines.push(`| **total** | ${summary.positives} | ${summary.negatives} | |`);
  return lines.join("\n");
}
