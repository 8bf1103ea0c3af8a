import type { MetricComparison, RunComparison } from "../../compare/types.js";
import { escapeHtml as h } from "../escape.js";
import { count, interval, pct, points, pValue } from "../format.js";
import { forestPlot } from "./forest-plot.js";

function verdictBadge(v: MetricComparison["verdict"]): string {
  const cls = v === "regression" ? "b-bad" : v === "improvement" ? "b-good" : "b-none";
  return `<span class="badge ${cls}">${h(v)}</span>`;
}

function metricBlock(c: RunComparison, metric: "asr" | "over-refusal", title: string): string {
  const rows = [...c.overall, ...c.byCategory].filter((m) => m.metric === metric && m.n > 0);
  if (rows.length === 0) return "";
  const table = rows
    .map(
      (m) =>
        `<tr><td>${m.scope === "all" ? "<strong>all cases</strong>" : h(m.scope)}</td>` +
        `<td class="num">${h(count(m.n))}</td>` +
        `<td class="num" title="bad in both / baseline only / candidate only / neither">${h(
          `${m.table.both} / ${m.table.onlyA} / ${m.table.onlyB} / ${m.table.neither}`,
        )}</td>` +
        `<td class="num">${h(pct(m.rateA))}</td><td class="num">${h(pct(m.rateB))}</td>` +
        `<td class="num">${h(points(m.difference))}</td><td class="num">${h(interval(m.interval))}</td>` +
        `<td class="num">${h(pValue(m.pAdjusted))}</td><td>${verdictBadge(m.verdict)}</td></tr>`,
    )
    .join("");
  return (
    `<h3>${h(title)}</h3>` +
    forestPlot(rows, `${title}: change from baseline to candidate`) +
    `<table><thead><tr><th>scope</th><th class="num">pairs</th><th class="num">2×2 table</th><th class="num">baseline</th>` +
    `<th class="num">candidate</th><th class="num">difference</th><th class="num">${Math.round(c.confidence * 100)}% CI</th>` +
    `<th class="num">p</th><th>verdict</th></tr></thead><tbody>${table}</tbody></table>`
  );
}

/** Candidate against baseline: the paired differences as forest plots, and the tables behind them. */
export function comparisonSection(c: RunComparison): string {
  const u = c.pairing;
  const regressions = c.regressions.length;
  const headline =
    regressions > 0
      ? `<span class="badge b-bad">${h(`${regressions} significant regression${regressions === 1 ? "" : "s"}`)}</span>`
      : `<span class="badge b-good">no significant regression</span>`;
  return (
    `<section class="panel" id="comparison"><h2>Compared with ${h(c.baseline.runId)} ${headline}</h2>` +
    `<p class="lead">${h(
      `Baseline ${c.baseline.target} (run ${c.baseline.runId}) against this run, paired by suite, case and strategy: ` +
        `${count(c.paired)} pairs; ${count(u.onlyInA)} only in the baseline, ${count(u.onlyInB)} only in this run, ` +
        `${count(u.errored)} left out for an error, ${count(u.expectationMismatch)} for a changed expectation. ` +
        `Points right of zero are worse. Verdicts use the exact McNemar test at alpha ${c.alpha}` +
        `${c.adjustment === "holm" ? " with categories Holm-adjusted" : ""}; intervals are Newcombe's for paired differences.`,
    )}</p>` +
    metricBlock(c, "asr", "Attack success rate") +
    metricBlock(c, "over-refusal", "Over-refusal") +
    `</section>`
  );
}
