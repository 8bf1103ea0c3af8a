import type { GroupStats, Rate, RunStats } from "../../stats/types.js";
import { escapeHtml as h } from "../escape.js";
import { count, interval, ms, pct, strategyLabel } from "../format.js";
import type { AblationRow, SweepPoint } from "../types.js";
import { barChart, type BarRow, type BarSeries, legend } from "./bar-chart.js";
import { stackedBars, type StackSegment } from "./stacked-bars.js";
import { FULL_WIDTH, HALF_WIDTH } from "./svg.js";
import { sweepChart } from "./sweep-chart.js";

const ASR: BarSeries = { key: "asr", label: "attack success rate", cls: "s-asr" };
const OVER: BarSeries = { key: "over", label: "over-refusal", cls: "s-over" };

function tip(what: string, label: string, r: Rate, level: string): string {
  const method = r.method === "wilson" ? "Wilson" : "behaviour-clustered bootstrap";
  return `${label}: ${what} ${pct(r.rate)} (${count(r.count)}/${count(r.total)}), ${level} CI ${interval(r.interval)}, ${method}`;
}

function rateRows(
  groups: readonly GroupStats[],
  metric: "asr" | "overRefusal",
  label: (k: string) => string,
  level: string,
): BarRow[] {
  const series = metric === "asr" ? ASR : OVER;
  return groups
    .filter((g) => g[metric].total > 0)
    .sort((a, b) => b[metric].rate - a[metric].rate || a.key.localeCompare(b.key))
    .map((g) => ({
      label: label(g.key),
      values: [
        {
          series: series.key,
          value: g[metric].rate,
          low: g[metric].interval.low,
          high: g[metric].interval.high,
          title: tip(series.label, label(g.key), g[metric], level),
        },
      ],
    }));
}

const fmtRate = (v: number) => pct(v, v > 0 && v < 0.1 ? 1 : 0);

function chartOrNote(
  rows: BarRow[],
  series: BarSeries[],
  aria: string,
  none: string,
  width = FULL_WIDTH,
): string {
  return rows.length > 0
    ? barChart(rows, series, { ariaLabel: aria, format: fmtRate, width })
    : `<p class="lead">${h(none)}</p>`;
}

/** ASR and over-refusal per category, side by side, each bar with its interval. */
export function categorySection(stats: RunStats, level: string): string {
  const asr = rateRows(stats.byCategory, "asr", (k) => k, level);
  const over = rateRows(stats.byCategory, "overRefusal", (k) => k, level);
  return (
    `<section class="panel" id="categories"><h2>By category</h2>` +
    `<p class="lead">Share of attack cases that succeeded (left) and of benign cases it refused (right), with ${h(
      level,
    )} intervals. Hover a bar for counts.</p>` +
    `<div class="grid2"><div><h3>Attack success rate</h3>${chartOrNote(asr, [ASR], "Attack success rate by category", "No attack cases.", HALF_WIDTH)}</div>` +
    `<div><h3>Over-refusal</h3>${chartOrNote(over, [OVER], "Over-refusal by category", "No benign cases.", HALF_WIDTH)}</div></div></section>`
  );
}

const LAYERS: ReadonlyArray<StackSegment & { key: keyof GroupStats["layers"] }> = [
  { key: "input-rail", label: "input rail", cls: "l-input-rail" },
  { key: "model", label: "model", cls: "l-model" },
  { key: "output-rail", label: "output rail", cls: "l-output-rail" },
  { key: "none", label: "not stopped", cls: "l-none" },
  { key: "unknown", label: "unknown", cls: "l-unknown" },
];

/** Which layer stopped the attack cases, overall and per category; and which refused the benign ones. */
export function layerSection(stats: RunStats): string {
  const present = LAYERS.filter(
    (l) => l.key !== "unknown" || stats.byLayer.some((x) => x.layer === "unknown"),
  );
  const overall = {
    label: "all attack cases",
    counts: present.map((l) => stats.byLayer.find((x) => x.layer === l.key)?.harmful ?? 0),
  };
  const perCategory = stats.byCategory
    .filter((g) => Object.values(g.layers).some((n) => n > 0))
    .map((g) => ({ label: g.key, counts: present.map((l) => g.layers[l.key]) }));
  const refused = {
    label: "benign cases refused",
    counts: present.map((l) => stats.byLayer.find((x) => x.layer === l.key)?.overRefusals ?? 0),
  };
  const harmfulChart =
    overall.counts.some((c) => c > 0) || perCategory.length > 0
      ? stackedBars([overall, ...perCategory], present, {
          ariaLabel: "Harmful cases by the layer that stopped them",
          unit: "attack cases",
        })
      : `<p class="lead">No attack cases.</p>`;
  const overChart = refused.counts.some((c) => c > 0)
    ? `<h3>Who refused the benign requests</h3>${stackedBars([refused], present, {
        ariaLabel: "Over-refusals by the layer that refused",
        unit: "over-refusals",
      })}`
    : "";
  return (
    `<section class="panel" id="layers"><h2>Layer attribution</h2>` +
    `<p class="lead">For every attack case, the layer that stopped it: the input rail before the model, the model's own refusal, or the output rail after it. Red is what got through no layer (not every such case is a successful attack: the judge decides that).</p>` +
    legend(present) +
    `<h3>Who stopped the attacks</h3>${harmfulChart}${overChart}</section>`
  );
}

/** ASR by attack strategy, and both rates by language and by severity, when there is more than one. */
export function breakdownSections(stats: RunStats, level: string): string {
  const out: string[] = [];
  if (stats.byStrategy.length > 1) {
    const rows = rateRows(stats.byStrategy, "asr", strategyLabel, level);
    out.push(
      `<section class="panel" id="strategies"><h2>By attack strategy</h2><p class="lead">Attack success rate of each transformation of the seed prompts, most effective first; "(seed)" is the untransformed prompts.</p>` +
        chartOrNote(rows, [ASR], "Attack success rate by strategy", "No attack cases.") +
        `</section>`,
    );
  }
  for (const [id, title, groups] of [
    ["languages", "By language", stats.byLanguage],
    ["severity", "By severity", stats.bySeverity],
  ] as const) {
    if (groups.length <= 1) continue;
    const rows: BarRow[] = groups.map((g) => ({
      label: g.key,
      values: [
        {
          series: "asr",
          value: g.asr.rate,
          low: g.asr.interval.low,
          high: g.asr.interval.high,
          title: tip(ASR.label, g.key, g.asr, level),
        },
        {
          series: "over",
          value: g.overRefusal.rate,
          low: g.overRefusal.interval.low,
          high: g.overRefusal.interval.high,
          title: tip(OVER.label, g.key, g.overRefusal, level),
        },
      ],
    }));
    out.push(
      `<section class="panel" id="${id}"><h2>${title}</h2>${legend([ASR, OVER])}` +
        barChart(rows, [ASR, OVER], {
          ariaLabel: `${title}: attack success and over-refusal`,
          format: fmtRate,
        }) +
        `</section>`,
    );
  }
  return out.join("");
}

/** What the sweep's lead paragraph says its points are. */
function sweepLead(parameter: string): string {
  if (parameter === "classifier threshold scale")
    return (
      "Each point is the guard with every learned classifier's blocking threshold multiplied by the scale (1 is the run as configured): " +
      "lower scales block more attacks and more benign requests. Rules without a threshold (secrets, personal data, canaries, " +
      "tool rules) stop what they stopped in the run at every scale. Computed from the scores each case recorded, not by running again. " +
      "Lower left is better; the ringed point is where this run operates."
    );
  return "Each point is the guard at one blocking threshold: lower thresholds block more attacks and more benign requests. Lower left is better; the ringed point is where this run operates.";
}

/** The threshold sweep curve, with the operating point. */
export function sweepSection(
  points: readonly SweepPoint[],
  stats: RunStats,
  operatingThreshold: number | undefined,
  parameter = "threshold",
): string {
  let operating = { asr: stats.asr.rate, overRefusal: stats.overRefusal.rate, label: "this run" };
  let operatingAt: number | undefined;
  if (operatingThreshold !== undefined && points.length > 0) {
    const nearest = points.reduce((best, p) =>
      Math.abs(p.threshold - operatingThreshold) < Math.abs(best.threshold - operatingThreshold) ? p : best,
    );
    operatingAt = nearest.threshold;
    operating = {
      asr: nearest.asr,
      overRefusal: nearest.overRefusal,
      label: `operating point (${parameter} ${nearest.threshold})`,
    };
  }
  const rows = [...points]
    .sort((a, b) => a.threshold - b.threshold)
    .map((p) => {
      const here =
        operatingAt !== undefined
          ? p.threshold === operatingAt
          : p.asr === operating.asr && p.overRefusal === operating.overRefusal;
      return (
        `<tr${here ? ' class="here"' : ""}><td class="num">${h(String(p.threshold))}${here ? " ◀" : ""}</td>` +
        `<td class="num">${h(pct(p.asr))}</td><td class="num">${h(pct(p.overRefusal))}</td></tr>`
      );
    })
    .join("");
  return (
    `<section class="panel" id="sweep"><h2>Threshold sweep</h2>` +
    `<p class="lead">${h(sweepLead(parameter))}</p>` +
    `<div class="sweep">${sweepChart(points, operating, parameter)}<table class="compact"><thead><tr><th class="num">${h(parameter)}</th>` +
    `<th class="num">attack success</th><th class="num">over-refusal</th></tr></thead><tbody>${rows}</tbody></table></div>` +
    `</section>`
  );
}

/** Each layer configuration's rates and latency: what every layer buys, and what it costs. */
export function ablationSection(rows: readonly AblationRow[]): string {
  const rateRowsList: BarRow[] = rows.map((a) => ({
    label: a.layer,
    values: [
      { series: "asr", value: a.asr, title: `${a.layer}: attack success rate ${pct(a.asr)}` },
      { series: "over", value: a.overRefusal, title: `${a.layer}: over-refusal ${pct(a.overRefusal)}` },
    ],
  }));
  const LAT: BarSeries = { key: "lat", label: "latency", cls: "s-lat" };
  const latRows: BarRow[] = rows.map((a) => ({
    label: a.layer,
    values: [{ series: "lat", value: a.latencyMs, title: `${a.layer}: mean latency ${ms(a.latencyMs)}` }],
  }));
  return (
    `<section class="panel" id="ablations"><h2>Layer ablations</h2>` +
    `<p class="lead">The same suite with layers switched on one at a time: the drop in attack success each layer buys, against its over-refusal and latency.</p>` +
    `<div class="grid2"><div><h3>Rates</h3>${legend([ASR, OVER])}${barChart(rateRowsList, [ASR, OVER], {
      ariaLabel: "Attack success and over-refusal by layer configuration",
      format: fmtRate,
      width: HALF_WIDTH,
    })}</div>` +
    `<div><h3>Latency</h3>${legend([LAT])}${barChart(latRows, [LAT], {
      ariaLabel: "Latency by layer configuration",
      kind: "number",
      format: ms,
      width: HALF_WIDTH,
    })}</div></div></section>`
  );
}
