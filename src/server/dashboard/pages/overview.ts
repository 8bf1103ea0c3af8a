/** The overview: headline numbers, traffic by action, block and escalation rates by category, latency. */
import { niceRateMax } from "../../../eval/report/html/svg.js";
import type { DecisionAction } from "../../../guard/types.js";
import { barChart } from "../charts/bars.js";
import { timeSeriesChart, type TimeSeries } from "../charts/time-series.js";
import { card, empty, panel, tabs } from "../html/components.js";
import { fmtInt, fmtMs, fmtPct } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";
import { filterQuery } from "../data/event-filter.js";
import type { CategoryActivity, OverviewStats } from "../data/overview-stats.js";
import { RANGES, type RangeKey } from "../data/time-window.js";

const ACTION_NAMES: Record<DecisionAction, string> = {
  allow: "allowed",
  modify: "modified (redacted)",
  block: "blocked",
  escalate: "escalated",
};

const TOP_CATEGORIES = 6;

const decisions = (n: number) => `${fmtInt(n)} ${n === 1 ? "decision" : "decisions"}`;

function rateSeries(stats: OverviewStats, action: "block" | "escalate"): TimeSeries[] {
  const top = stats.categories
    .filter((c) => c.totals[action] > 0)
    .sort((a, b) => b.totals[action] - a.totals[action])
    .slice(0, TOP_CATEGORIES);
  const rate = (counts: readonly number[]) =>
    counts.map((v, i) => {
      const all = stats.perBucket[i] as number;
      return all > 0 ? v / all : null;
    });
  const series: TimeSeries[] = top.map((c, k) => ({
    name: c.category,
    cls: `s${k}`,
    values: rate(c.byAction[action]),
  }));
  if (top.length > 0)
    series.push({ name: `all ${ACTION_NAMES[action]}`, cls: "s6", values: rate(stats.traffic[action]) });
  return series;
}

function rateChart(stats: OverviewStats, action: "block" | "escalate", label: string): string {
  const series = rateSeries(stats, action);
  if (series.length === 0) return empty(`Nothing was ${ACTION_NAMES[action]} in this range.`);
  let max = 0;
  for (const s of series) for (const v of s.values) if (v !== null && v > max) max = v;
  return timeSeriesChart({
    label,
    starts: stats.window.starts,
    bucketMs: stats.window.bucketMs,
    series,
    kind: "lines",
    format: fmtPct,
    yMax: niceRateMax(max),
  });
}

function categoryBars(base: string, range: RangeKey, categories: readonly CategoryActivity[]): string {
  if (categories.length === 0) return empty("No decision had a reason in this range.");
  return barChart({
    width: 1160,
    label: "Decisions with each category among their reasons",
    rows: categories.slice(0, 12).map((c) => ({
      label: c.category,
      href: `${base}/events${filterQuery({ category: c.category, since: range })}`,
      segments: [
        { name: "blocked", cls: "a-block", value: c.totals.block },
        { name: "escalated", cls: "a-escalate", value: c.totals.escalate },
        { name: "modified", cls: "a-modify", value: c.totals.modify },
        { name: "allowed", cls: "a-allow", value: c.totals.allow },
      ],
    })),
  });
}

export function renderOverview(input: {
  chrome: Chrome;
  range: RangeKey;
  stats: OverviewStats;
  incidents: Record<string, number>;
  pending: number | undefined;
}): string {
  const { chrome, stats, range } = input;
  const base = chrome.base;
  const t = stats.totals;
  const total = stats.total;
  const rateOf = (n: number) => (total > 0 ? fmtPct(n / total) : "–");
  const hours = RANGES[range].spanMs / 3_600_000;
  const lat = stats.latency.overall;
  const cards =
    `<div class="cards">` +
    card("Decisions", fmtInt(total), `${fmtInt(total / hours)} per hour on average`) +
    card("Blocked", rateOf(t.block), decisions(t.block), "block") +
    card("Escalated", rateOf(t.escalate), decisions(t.escalate), "escalate") +
    card("Modified", rateOf(t.modify), `${fmtInt(t.modify)} redacted`) +
    card(
      "Latency p95",
      lat.p95 === null ? "–" : fmtMs(lat.p95),
      lat.p50 === null ? "" : `p50 ${fmtMs(lat.p50)} · p99 ${fmtMs(lat.p99 ?? NaN)}`,
    ) +
    card(
      "Open incidents",
      fmtInt((input.incidents.open ?? 0) + (input.incidents.triaged ?? 0)),
      `${fmtInt(input.incidents.open ?? 0)} new · ${fmtInt(input.incidents.triaged ?? 0)} triaged`,
      (input.incidents.open ?? 0) > 0 ? "block" : "",
    ) +
    card(
      "Pending reviews",
      input.pending === undefined ? "off" : fmtInt(input.pending),
      input.pending === undefined ? "review queue not enabled" : "escalations waiting for a person",
      (input.pending ?? 0) > 0 ? "escalate" : "",
    ) +
    `</div>`;

  const rangeTabs = tabs(
    (Object.keys(RANGES) as RangeKey[]).map((k) => ({
      label: RANGES[k].label,
      href: `${base || "/"}?range=${k}`,
      on: k === range,
    })),
  );

  if (total === 0) {
    return renderPage({
      title: "Overview",
      active: "overview",
      chrome,
      aside: rangeTabs,
      body:
        cards +
        panel(
          "No decisions yet",
          empty(
            "No guard decision was recorded in this range. Decisions appear here once the guard's audit trail writes to this database.",
          ),
        ),
    });
  }

  const traffic = timeSeriesChart({
    label: "Decisions over time by action",
    starts: stats.window.starts,
    bucketMs: stats.window.bucketMs,
    series: (["allow", "modify", "escalate", "block"] as const).map((a) => ({
      name: ACTION_NAMES[a],
      cls: `a-${a}`,
      values: stats.traffic[a],
    })),
    kind: "stacked",
    format: fmtInt,
    integer: true,
  });
  const latency = timeSeriesChart({
    label: "Guard latency percentiles over time",
    starts: stats.window.starts,
    bucketMs: stats.window.bucketMs,
    series: [
      { name: "p50", cls: "s3", values: stats.latency.perBucket.map((p) => p.p50) },
      { name: "p95", cls: "s2", values: stats.latency.perBucket.map((p) => p.p95) },
      { name: "p99", cls: "s1", values: stats.latency.perBucket.map((p) => p.p99) },
    ],
    kind: "lines",
    format: fmtMs,
  });
  const bucket = stats.window.bucketMs >= 86_400_000 ? "day" : `${stats.window.bucketMs / 3_600_000} h`;
  const body =
    cards +
    `<div class="grid2">` +
    panel("Traffic", traffic, { lead: `Guard decisions per ${bucket}, stacked by what the guard did.` }) +
    panel("Latency", latency, {
      lead: "The guard's time per decision (all detectors and normalisation), percentiles per bucket, estimated from √2-wide latency bins.",
    }) +
    panel("Block rate by category", rateChart(stats, "block", "Block rate by category over time"), {
      lead: "Share of all decisions in each bucket that were blocked with the category among the reasons.",
    }) +
    panel(
      "Escalation rate by category",
      rateChart(stats, "escalate", "Escalation rate by category over time"),
      {
        lead: "Share of all decisions in each bucket that were escalated to a person, by category.",
      },
    ) +
    `</div>` +
    panel("Categories", categoryBars(base, range, stats.categories), {
      lead: "Decisions with each category among their reasons, by what the guard did. Select a category to see its events.",
    });
  return renderPage({
    title: "Overview",
    active: "overview",
    chrome,
    aside: rangeTabs,
    subtitle: `${RANGES[range].label}, in ${bucket} buckets (UTC)`,
    body,
  });
}
