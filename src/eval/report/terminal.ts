import type { MetricComparison, RunComparison } from "../compare/types.js";
import type { GroupStats, Rate, RunStats } from "../stats/types.js";
import { escapeTerminal, truncate } from "./escape.js";
import { count, interval, ms, pct, points, pValue, strategyLabel } from "./format.js";
import { failureRows, statsOf, titleOf } from "./prepare.js";
import { type Cell, type Row, textTable } from "./text-table.js";
import { FAILURE_LABELS, type FailureRow, type ReportInput } from "./types.js";

export interface TerminalOptions {
  /** ANSI colours; by default only when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** Failing cases listed at the end; 10 by default. */
  maxFailures?: number;
  /** Width of the detail column of failing cases; 60 by default. */
  detailWidth?: number;
}

type Paint = (s: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
}

const plain: Paint = (s) => s;
const ansi =
  (open: number, close: number): Paint =>
  (s) =>
    `\u001b[${open}m${s}\u001b[${close}m`;

function palette(color: boolean): Palette {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    red: ansi(31, 39),
    green: ansi(32, 39),
    yellow: ansi(33, 39),
  };
}

export function defaultColor(): boolean {
  return process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
}

const methodLabel = (r: Rate) =>
  r.method === "wilson" ? "Wilson" : `bootstrap over ${count(r.behaviours)} behaviours`;

function groupTable(title: string, groups: GroupStats[], label: (k: string) => string, p: Palette): string {
  const rows: Row[] = groups.map((g) => [
    label(g.key),
    count(g.cases),
    pct(g.asr.rate),
    { text: interval(g.asr.interval), style: p.dim },
    pct(g.overRefusal.rate),
    { text: interval(g.overRefusal.interval), style: p.dim },
    g.errors > 0 ? { text: count(g.errors), style: p.yellow } : "0",
  ]);
  return `${p.bold(title)}\n${textTable(
    [title.toLowerCase().replace("by ", ""), "cases", "ASR", "CI", "over-refusal", "CI", "errors"],
    rows,
    ["left", "right", "right", "left", "right", "left", "right"],
    p.dim,
  )}`;
}

function layerTable(stats: RunStats, p: Palette): string {
  const rows: Row[] = stats.byLayer.map((l) => [
    l.layer === "none" ? "not stopped" : l.layer,
    count(l.harmful),
    pct(l.harmfulShare),
    l.attacksSucceeded > 0 ? { text: count(l.attacksSucceeded), style: p.red } : "0",
    count(l.overRefusals),
    pct(l.overRefusalShare),
  ]);
  return `${p.bold("Layer attribution")}\n${textTable(
    ["layer", "attacks", "share", "succeeded", "over-refusals", "share"],
    rows,
    ["left", "right", "right", "right", "right", "right"],
    p.dim,
  )}`;
}

function verdictCell(m: MetricComparison, p: Palette): Cell {
  if (m.verdict === "regression") return { text: m.verdict, style: (s) => p.bold(p.red(s)) };
  if (m.verdict === "improvement") return { text: m.verdict, style: p.green };
  return { text: m.verdict, style: p.dim };
}

function comparisonTable(c: RunComparison, p: Palette): string {
  // Every overall metric, and the categories that changed significantly.
  const shown = [
    ...c.overall.filter((m) => m.n > 0),
    ...c.byCategory.filter((m) => m.verdict !== "no significant change"),
  ];
  const rows: Row[] = shown.map((m) => [
    m.metric,
    m.scope === "all" ? "(all)" : m.scope,
    count(m.n),
    pct(m.rateA),
    pct(m.rateB),
    points(m.difference),
    { text: interval(m.interval), style: p.dim },
    pValue(m.pAdjusted),
    verdictCell(m, p),
  ]);
  const u = c.pairing;
  const note =
    `  ${count(c.paired)} paired results; ${count(u.onlyInA)} only in the baseline, ${count(u.onlyInB)} only in the ` +
    `candidate, ${count(u.errored)} with an error, ${count(u.expectationMismatch)} with a changed expectation` +
    (u.duplicatesInA + u.duplicatesInB > 0
      ? `, ${count(u.duplicatesInA + u.duplicatesInB)} duplicates ignored`
      : "") +
    `.\n  Exact McNemar test at alpha ${c.alpha}${c.adjustment === "holm" ? ", categories Holm-adjusted" : ""}.`;
  return `${p.bold(`Compared with ${escapeTerminal(c.baseline.runId)} (${escapeTerminal(c.baseline.target)})`)}\n${textTable(
    ["metric", "scope", "pairs", "baseline", "candidate", "difference", "CI", "p", "verdict"],
    rows,
    ["left", "left", "right", "right", "right", "right", "left", "right", "left"],
    p.dim,
  )}\n${p.dim(note)}`;
}

function failureTable(rows: FailureRow[], max: number, width: number, p: Palette): string {
  const shown = rows.slice(0, max);
  const kindStyle = (r: FailureRow): Paint => (r.kind === "error" ? p.yellow : p.red);
  const table = textTable(
    ["why", "category", "case", "strategy", "detail"],
    shown.map((r) => [
      { text: FAILURE_LABELS[r.kind], style: kindStyle(r) },
      escapeTerminal(truncate(r.category, 24)),
      escapeTerminal(truncate(r.caseId, 28)),
      escapeTerminal(truncate(strategyLabel(r.strategy), 16)),
      escapeTerminal(truncate(r.detail || r.prompt || "", width)),
    ]),
    ["left", "left", "left", "left", "left"],
    p.dim,
  );
  const more =
    rows.length > shown.length ? `\n${p.dim(`  … and ${count(rows.length - shown.length)} more`)}` : "";
  return `${p.bold(`Failing cases (${count(rows.length)})`)}\n${table}${more}`;
}

/** A summary for the terminal: headline rates, breakdowns, layers, the comparison and failing cases. */
export function renderTerminal(input: ReportInput, options: TerminalOptions = {}): string {
  const p = palette(options.color ?? defaultColor());
  const stats = statsOf(input);
  const t = stats.totals;
  const level = `${Math.round(stats.confidence * 100)}%`;
  const header = [
    p.bold(escapeTerminal(titleOf(input))),
    p.dim(
      `run ${escapeTerminal(stats.runId)} · ${count(t.cases)} cases (${count(t.harmful)} attacks, ${count(t.benign)} benign, ` +
        `${count(t.behaviours)} behaviours) · ${count(t.errors)} errors · ${escapeTerminal(stats.startedAt)}`,
    ),
  ].join("\n");
  const headline = textTable(
    ["", "rate", `${level} CI`, "count", "interval"],
    [
      [
        "attack success rate",
        { text: pct(stats.asr.rate), style: stats.asr.count > 0 ? p.red : p.green },
        interval(stats.asr.interval),
        `${count(stats.asr.count)}/${count(stats.asr.total)}`,
        { text: methodLabel(stats.asr), style: p.dim },
      ],
      [
        "over-refusal",
        { text: pct(stats.overRefusal.rate), style: stats.overRefusal.count > 0 ? p.yellow : p.green },
        interval(stats.overRefusal.interval),
        `${count(stats.overRefusal.count)}/${count(stats.overRefusal.total)}`,
        { text: methodLabel(stats.overRefusal), style: p.dim },
      ],
    ],
    ["left", "right", "left", "right", "left"],
    p.dim,
  );
  const latency = stats.latency
    ? `  latency p50 ${ms(stats.latency.p50Ms)} · p95 ${ms(stats.latency.p95Ms)} · max ${ms(stats.latency.maxMs)}`
    : "";
  const parts = [header, headline + (latency ? `\n${p.dim(latency)}` : "")];
  const esc = (k: string) => escapeTerminal(truncate(k, 32));
  if (stats.byCategory.length > 0) parts.push(groupTable("By category", stats.byCategory, esc, p));
  if (stats.byStrategy.length > 1)
    parts.push(groupTable("By strategy", stats.byStrategy, (k) => esc(strategyLabel(k)), p));
  if (stats.byLanguage.length > 1) parts.push(groupTable("By language", stats.byLanguage, esc, p));
  if (stats.bySeverity.length > 1) parts.push(groupTable("By severity", stats.bySeverity, esc, p));
  if (t.cases > 0) parts.push(layerTable(stats, p));
  if (input.comparison) parts.push(comparisonTable(input.comparison, p));
  const failures = failureRows(input);
  if (failures.length > 0)
    parts.push(failureTable(failures, options.maxFailures ?? 10, options.detailWidth ?? 60, p));
  return `${parts.join("\n\n")}\n`;
}
