/**
 * The Markdown report of a curate run: what was read, kept, repaired and rejected, the count per reason,
 * the personal-data labels redacted, a few examples per reason — redacted and cut short, never the raw
 * text — the first malformed lines, and the settings that decided.
 */
import { REASON_TEXT, REASONS } from "./reasons.js";
import type { CurateStats } from "./stats.js";

export interface ReportContext {
  input: string;
  format: string;
  clean: string;
  rejected: string;
  policy: string;
  checks: readonly string[];
  pii: string;
  dedup: string;
  languages: readonly string[];
  thresholds: Record<string, number>;
  index: { records: number; bytes: number };
  resumed: boolean;
  complete: boolean;
}

const MD_SPECIAL = /[\\`*_[\]<>|#]/g;

/** Regular expressions of this module, for the global ReDoS check. */
export const REPORT_PATTERNS: readonly RegExp[] = [MD_SPECIAL];

function md(text: string): string {
  return text.replace(MD_SPECIAL, (c) => `\\${c}`);
}

function pct(n: number, of: number): string {
  return of > 0 ? `${((100 * n) / of).toFixed(1)}%` : "—";
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

export function renderCurateReport(stats: CurateStats, ctx: ReportContext): string {
  const secs = stats.elapsedMs / 1000;
  const out: string[] = [];
  out.push("# Curation report", "");
  out.push(
    `Input \`${ctx.input}\` (format **${ctx.format}**, ${mb(stats.bytes)} read), policy \`${ctx.policy}\`. ` +
      `Kept records went to \`${ctx.clean}\`, rejected ones (with their reasons) to \`${ctx.rejected}\`.` +
      (ctx.resumed ? " The run was resumed from a checkpoint; the counts cover the whole file." : "") +
      (ctx.complete ? "" : " **The run was interrupted: these counts cover the part read so far.**"),
    "",
  );
  out.push("| records | count | share |", "|---|---:|---:|");
  out.push(`| read | ${stats.records} | 100% |`);
  out.push(`| kept as they were | ${stats.kept} | ${pct(stats.kept, stats.records)} |`);
  out.push(
    `| kept, repaired (personal data or secrets redacted) | ${stats.repaired} | ${pct(stats.repaired, stats.records)} |`,
  );
  out.push(`| rejected | ${stats.rejected} | ${pct(stats.rejected, stats.records)} |`);
  out.push(`| malformed lines (skipped, not records) | ${stats.malformed} | — |`, "");

  out.push("## Reasons", "");
  out.push("A record can have several reasons; each is counted once per record.", "");
  out.push("| reason | records | share | meaning |", "|---|---:|---:|---|");
  for (const r of REASONS) {
    const n = stats.byReason[r] ?? 0;
    out.push(`| ${r} | ${n} | ${pct(n, stats.records)} | ${REASON_TEXT[r]} |`);
  }
  out.push("");

  const labels = Object.entries(stats.labels).sort((a, b) => b[1] - a[1]);
  if (labels.length > 0) {
    out.push("## Personal data and secrets found", "", "| label | records |", "|---|---:|");
    for (const [label, n] of labels) out.push(`| ${md(label)} | ${n} |`);
    out.push("");
  }

  const withExamples = REASONS.filter((r) => (stats.examples[r]?.length ?? 0) > 0);
  if (withExamples.length > 0) {
    out.push("## Examples", "");
    out.push(
      "The first records of each reason. Excerpts are redacted (personal data and secrets replaced) and cut to 160 characters.",
      "",
    );
    for (const r of withExamples) {
      out.push(`### ${r}`, "");
      for (const e of stats.examples[r] ?? []) {
        const where = e.role ? `line ${e.line}, ${e.role} turn` : `line ${e.line}`;
        out.push(`- ${where}: ${md(e.detail)} — "${md(e.excerpt)}"`);
      }
      out.push("");
    }
  }

  if (stats.malformed > 0) {
    out.push("## Malformed lines", "");
    for (const b of stats.badLines) out.push(`- line ${b.line}: ${md(b.error)}`);
    if (stats.malformed > stats.badLines.length)
      out.push(`- … and ${stats.malformed - stats.badLines.length} more`);
    out.push("");
  }

  out.push("## Settings", "");
  out.push(`- checks: ${ctx.checks.join(", ")}`);
  out.push(`- personal data and secrets: ${ctx.pii}`);
  out.push(
    `- deduplication: ${ctx.dedup}; the index held ${ctx.index.records} records in ${mb(ctx.index.bytes)} at the end`,
  );
  out.push(`- languages: ${ctx.languages.length > 0 ? ctx.languages.join(", ") : "all"}`);
  out.push(
    `- thresholds: ${Object.entries(ctx.thresholds)
      .filter(([, v]) => Number.isFinite(v))
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(", ")}`,
  );
  out.push(
    `- time: ${secs.toFixed(1)} s, ${secs > 0 ? (stats.records / secs).toFixed(0) : "—"} records/s, ${secs > 0 ? (stats.bytes / 1e6 / secs).toFixed(2) : "—"} MB/s`,
  );
  out.push("");
  return out.join("\n");
}
