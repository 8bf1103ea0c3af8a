import type { RunComparison } from "../compare/types.js";
import type { GroupStats, RunStats } from "../stats/types.js";
import { escapeMarkdownCell as md, truncate } from "./escape.js";
import { count, interval, ms, pct, points, pValue, strategyLabel } from "./format.js";
import { failureRows, statsOf, sweepOf, titleOf, type ReportSweep } from "./prepare.js";
import {
  type AblationRow,
  FAILURE_LABELS,
  type FailureRow,
  type ReportInput,
  type SweepPoint,
} from "./types.js";

export interface MarkdownOptions {
  /** Failing cases listed; 50 by default. */
  maxFailures?: number;
}

function table(headers: string[], align: Array<"l" | "r">, rows: string[][]): string {
  const sep = align.map((a) => (a === "r" ? "---:" : "---"));
  return [headers, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function groups(title: string, list: GroupStats[], label: (k: string) => string, level: string): string {
  return `### ${title}\n\n${table(
    [title.replace("By ", ""), "cases", "ASR", `${level} CI`, "over-refusal", `${level} CI`, "errors"],
    ["l", "r", "r", "l", "r", "l", "r"],
    list.map((g) => [
      md(label(g.key)),
      count(g.cases),
      pct(g.asr.rate),
      interval(g.asr.interval),
      pct(g.overRefusal.rate),
      interval(g.overRefusal.interval),
      count(g.errors),
    ]),
  )}`;
}

function layers(stats: RunStats): string {
  return `### Layer attribution\n\n${table(
    ["layer", "attacks stopped", "share", "attacks succeeded", "over-refusals", "share"],
    ["l", "r", "r", "r", "r", "r"],
    stats.byLayer.map((l) => [
      l.layer === "none" ? "not stopped" : l.layer,
      count(l.harmful),
      pct(l.harmfulShare),
      count(l.attacksSucceeded),
      count(l.overRefusals),
      pct(l.overRefusalShare),
    ]),
  )}`;
}

function comparison(c: RunComparison): string {
  const verdict = (v: string) => (v === "regression" ? "**regression**" : v);
  const rows = [...c.overall.filter((m) => m.n > 0), ...c.byCategory].map((m) => [
    m.metric,
    m.scope === "all" ? "**all**" : md(m.scope),
    `${m.table.both} / ${m.table.onlyA} / ${m.table.onlyB} / ${m.table.neither}`,
    pct(m.rateA),
    pct(m.rateB),
    points(m.difference),
    interval(m.interval),
    pValue(m.pAdjusted),
    verdict(m.verdict),
  ]);
  const u = c.pairing;
  return (
    `## Compared with ${md(c.baseline.runId)} (${md(c.baseline.target)})\n\n` +
    `${count(c.paired)} paired results (by suite, case and strategy); ${count(u.onlyInA)} only in the baseline, ` +
    `${count(u.onlyInB)} only in the candidate, ${count(u.errored)} left out for an error, ` +
    `${count(u.expectationMismatch)} for a changed expectation. Exact McNemar test at alpha ${c.alpha}` +
    `${c.adjustment === "holm" ? " (categories Holm-adjusted)" : ""}; the difference is candidate − baseline with ` +
    `Newcombe's ${Math.round(c.confidence * 100)}% interval. The table counts bad in both / baseline only / ` +
    `candidate only / neither.\n\n` +
    table(
      ["metric", "scope", "table", "baseline", "candidate", "difference", "CI", "p", "verdict"],
      ["l", "l", "l", "r", "r", "r", "l", "r", "l"],
      rows,
    )
  );
}

function sweep(s: ReportSweep): string {
  const note =
    s.parameter === "classifier threshold scale"
      ? "Every learned classifier's blocking threshold multiplied by the scale (1 = the run as configured); rules without a " +
        "threshold (secrets, personal data, canaries, tool rules) stop what they stopped in the run. Computed from the " +
        "scores each case recorded.\n\n"
      : "";
  const mark = (p: SweepPoint) => (p.threshold === s.operatingThreshold ? " (this run)" : "");
  return `### Threshold sweep\n\n${note}${table(
    [s.parameter, "ASR (under-refusal)", "over-refusal"],
    ["r", "r", "r"],
    [...s.points]
      .sort((a, b) => a.threshold - b.threshold)
      .map((p) => [`${p.threshold}${mark(p)}`, pct(p.asr), pct(p.overRefusal)]),
  )}`;
}

function ablations(rows: AblationRow[]): string {
  return `### Layer ablations\n\n${table(
    ["configuration", "ASR", "over-refusal", "latency"],
    ["l", "r", "r", "r"],
    rows.map((a) => [md(a.layer), pct(a.asr), pct(a.overRefusal), ms(a.latencyMs)]),
  )}`;
}

function failures(rows: FailureRow[], max: number): string {
  const shown = rows.slice(0, max);
  const body = table(
    ["why", "category", "strategy", "case", "prompt", "output", "detail"],
    ["l", "l", "l", "l", "l", "l", "l"],
    shown.map((r) => [
      FAILURE_LABELS[r.kind],
      md(r.category),
      md(strategyLabel(r.strategy)),
      md(r.caseId),
      md(truncate(r.prompt ?? "", 160)),
      md(truncate(r.output ?? "", 160)),
      md(truncate(r.detail, 160)),
    ]),
  );
  const more = rows.length > shown.length ? `\n\n… and ${count(rows.length - shown.length)} more.` : "";
  return `## Failing cases (${count(rows.length)})\n\n${body}${more}`;
}

/** A Markdown report: for a pull-request comment, a CI summary or a file in the repo. */
export function renderMarkdown(input: ReportInput, options: MarkdownOptions = {}): string {
  const stats = statsOf(input);
  const t = stats.totals;
  const level = `${Math.round(stats.confidence * 100)}%`;
  const parts: string[] = [`# ${md(titleOf(input))}`];
  parts.push(
    `Run **${md(stats.runId)}** of ${md(stats.target)} on ${stats.suiteIds.map((s) => md(s)).join(", ")}, ` +
      `started ${md(stats.startedAt)}: ${count(t.cases)} cases (${count(t.harmful)} attacks, ${count(t.benign)} benign, ` +
      `${count(t.behaviours)} behaviours), ${count(t.errors)} errors.`,
  );
  const method = (m: string) => (m === "wilson" ? "Wilson" : "behaviour-clustered bootstrap");
  parts.push(
    table(
      ["metric", "rate", `${level} CI`, "count", "interval method"],
      ["l", "r", "l", "r", "l"],
      [
        [
          "**Attack success rate**",
          `**${pct(stats.asr.rate)}**`,
          interval(stats.asr.interval),
          `${stats.asr.count}/${stats.asr.total}`,
          method(stats.asr.method),
        ],
        [
          "**Over-refusal**",
          `**${pct(stats.overRefusal.rate)}**`,
          interval(stats.overRefusal.interval),
          `${stats.overRefusal.count}/${stats.overRefusal.total}`,
          method(stats.overRefusal.method),
        ],
        ...(stats.latency
          ? [
              [
                "Latency p50 / p95",
                `${ms(stats.latency.p50Ms)} / ${ms(stats.latency.p95Ms)}`,
                "",
                `${stats.latency.n}`,
                "",
              ],
            ]
          : []),
      ],
    ),
  );
  if (input.comparison) parts.push(comparison(input.comparison));
  parts.push("## Breakdown");
  if (stats.byCategory.length > 0) parts.push(groups("By category", stats.byCategory, (k) => k, level));
  if (stats.byStrategy.length > 1) parts.push(groups("By strategy", stats.byStrategy, strategyLabel, level));
  if (stats.byLanguage.length > 1) parts.push(groups("By language", stats.byLanguage, (k) => k, level));
  if (stats.bySeverity.length > 1) parts.push(groups("By severity", stats.bySeverity, (k) => k, level));
  if (t.cases > 0) parts.push(layers(stats));
  const sw = sweepOf(input);
  if (sw) parts.push(sweep(sw));
  if (input.ablations && input.ablations.length > 0) parts.push(ablations(input.ablations));
  const f = failureRows(input);
  if (f.length > 0) parts.push(failures(f, options.maxFailures ?? 50));
  return `${parts.join("\n\n")}\n`;
}
