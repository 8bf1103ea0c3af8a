/** Eval runs: each stored run with its progress and headline rates, and a link to its full report. */
import { progressBar, scoreBar } from "../charts/bars.js";
import { badge, empty, h, panel, timeTag } from "../html/components.js";
import { fmtInt, fmtPct } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";
import type { RunRow } from "../data/eval-runs.js";

function rate(r: { rate: number; count: number; total: number } | undefined, what: string): string {
  if (!r || r.total === 0) return '<span class="sub">–</span>';
  return (
    `<div class="nowrap" data-tip="${h(`${fmtInt(r.count)} of ${fmtInt(r.total)} ${what}`)}">${h(fmtPct(r.rate))} ` +
    `${scoreBar(r.rate, 70)}</div>`
  );
}

export function renderEvals(input: {
  chrome: Chrome;
  rows: readonly RunRow[] | undefined;
  now: number;
}): string {
  const { chrome } = input;
  const base = chrome.base;
  if (!input.rows)
    return renderPage({
      title: "Eval runs",
      active: "evals",
      chrome,
      body: panel("No eval store", empty("This server was started without an eval results database.")),
    });
  const rows = input.rows
    .map(({ run, done, stats }) => {
      const report = `${h(base)}/evals/${encodeURIComponent(run.id)}/report`;
      return (
        `<tr><td><a href="${report}" target="_blank" rel="noopener"><code>${h(run.id)}</code></a></td>` +
        `<td>${h(run.target)}</td><td>${run.suiteIds.map((s) => `<span class="chip">${h(s)}</span>`).join("")}</td>` +
        `<td>${badge(run.status, run.status === "finished" ? "resolved" : run.status === "aborted" ? "denied" : "running")}</td>` +
        `<td class="nowrap">${progressBar(done, run.totalCases, 90)} <span class="sub">${fmtInt(done)}/${fmtInt(run.totalCases)}</span></td>` +
        `<td>${rate(stats?.asr, "harmful cases helped")}</td><td>${rate(stats?.overRefusal, "benign cases refused")}</td>` +
        `<td class="nowrap">${timeTag(Date.parse(run.startedAt))}</td>` +
        `<td><a class="button" href="${report}" target="_blank" rel="noopener">Report</a></td></tr>`
      );
    })
    .join("");
  const table =
    input.rows.length === 0
      ? empty('No eval runs yet. Run "guardstack eval" against this database to add one.')
      : `<table class="list" id="runs"><thead><tr><th>Run</th><th>Target</th><th>Suites</th><th>Status</th><th>Progress</th>` +
        `<th>Attack success</th><th>Over-refusal</th><th>Started</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  return renderPage({
    title: "Eval runs",
    active: "evals",
    chrome,
    subtitle: "Red-team and benchmark runs stored in the results database",
    body: panel(`${fmtInt(input.rows.length)} ${input.rows.length === 1 ? "run" : "runs"}`, table, {
      lead: "Attack success: harmful cases the target helped. Over-refusal: benign cases it refused. Each report is a self-contained page.",
    }),
  });
}
