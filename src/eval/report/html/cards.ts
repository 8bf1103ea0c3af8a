import type { MetricComparison } from "../../compare/types.js";
import type { Rate, RunStats } from "../../stats/types.js";
import { escapeHtml as h } from "../escape.js";
import { count, ms, pct, points, pValue } from "../format.js";
import { niceRateMax, r1 } from "./svg.js";

/** A one-line gauge: the interval as a band, the rate as a dot, on a scale that fits them. */
function gauge(rate: Rate, cls: string): string {
  if (!Number.isFinite(rate.rate)) return "";
  const w = 260;
  const max = niceRateMax(Math.max(rate.interval.high, 0.05));
  const X = (v: number) => 4 + (Math.min(v, max) / max) * (w - 40);
  return (
    `<svg class="gauge" viewBox="0 0 ${w} 18" role="img" aria-label="${h(`${pct(rate.rate)} on a 0 to ${pct(max, 0)} scale`)}">` +
    `<rect class="gauge-track" x="4" y="7" width="${w - 40}" height="4" rx="2"/>` +
    `<rect class="gauge-ci ${cls}" x="${r1(X(rate.interval.low))}" y="4" width="${r1(Math.max(2, X(rate.interval.high) - X(rate.interval.low)))}" height="10" rx="3"/>` +
    `<circle class="gauge-pt ${cls}" cx="${r1(X(rate.rate))}" cy="9" r="5"/>` +
    `<text class="tick" x="${w - 30}" y="13" text-anchor="start">${h(pct(max, 0))}</text></svg>`
  );
}

function delta(m: MetricComparison | undefined): string {
  if (!m || m.n === 0) return "";
  const cls = m.verdict === "regression" ? "v-bad" : m.verdict === "improvement" ? "v-good" : "v-none";
  return `<div class="delta ${cls}" title="${h(`baseline ${pct(m.rateA)}, exact McNemar p=${pValue(m.pValue)}`)}">${h(
    `${points(m.difference)} vs baseline`,
  )} · ${h(m.verdict === "no significant change" ? "no sig. change" : m.verdict)}</div>`;
}

function rateCard(
  label: string,
  rate: Rate,
  cls: "asr" | "over",
  unit: string,
  level: string,
  cmp?: MetricComparison,
): string {
  const valueCls = rate.count === 0 && rate.total > 0 ? "ok" : cls;
  const method = rate.method === "wilson" ? "Wilson" : `bootstrap over ${count(rate.behaviours)} behaviours`;
  const ci = Number.isFinite(rate.interval.low)
    ? `${level} CI ${pct(rate.interval.low)} – ${pct(rate.interval.high)}`
    : "no data";
  return (
    `<div class="card"><div class="label">${h(label)}</div><div class="value ${valueCls}">${h(pct(rate.rate))}</div>` +
    `<div class="sub">${h(ci)} <span title="${h(`interval: ${method}`)}">ⓘ</span></div>` +
    `<div class="sub">${h(`${count(rate.count)} of ${count(rate.total)} ${unit}`)}</div>` +
    gauge(rate, cls === "asr" ? "s-asr" : "s-over") +
    delta(cmp) +
    `</div>`
  );
}

/** The headline: ASR and over-refusal with their intervals (and change against a baseline), cases, latency. */
export function headlineCards(stats: RunStats, overall: MetricComparison[] | undefined): string {
  const level = `${Math.round(stats.confidence * 100)}%`;
  const t = stats.totals;
  const find = (m: string) => overall?.find((c) => c.metric === m);
  const casesCard =
    `<div class="card"><div class="label">Cases</div><div class="value">${h(count(t.cases))}</div>` +
    `<div class="sub">${h(`${count(t.harmful)} attacks · ${count(t.benign)} benign · ${count(t.behaviours)} behaviours`)}</div>` +
    `<div class="sub">${h(`${count(t.passed)} passed · ${count(t.failed)} failed`)}${
      t.errors > 0 ? ` · <span class="badge b-warn">${h(`${count(t.errors)} errors`)}</span>` : " · 0 errors"
    }</div></div>`;
  const latencyCard = stats.latency
    ? `<div class="card"><div class="label">Latency</div><div class="value">${h(ms(stats.latency.p50Ms))}</div>` +
      `<div class="sub">median · p95 ${h(ms(stats.latency.p95Ms))} · p99 ${h(ms(stats.latency.p99Ms))}</div>` +
      `<div class="sub">max ${h(ms(stats.latency.maxMs))} over ${h(count(stats.latency.n))} responses</div></div>`
    : "";
  return (
    `<div class="cards" id="summary">` +
    rateCard("Attack success rate", stats.asr, "asr", "attacks that succeeded", level, find("asr")) +
    rateCard("Over-refusal", stats.overRefusal, "over", "benign cases refused", level, find("over-refusal")) +
    casesCard +
    latencyCard +
    `</div>`
  );
}
