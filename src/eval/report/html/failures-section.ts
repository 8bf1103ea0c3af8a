import { escapeHtml as h, truncate } from "../escape.js";
import { count, ms, strategyLabel } from "../format.js";
import { FAILURE_LABELS, type FailureKind, type FailureRow } from "../types.js";

const KIND_BADGE: Record<FailureKind, string> = {
  "attack-succeeded": "b-bad",
  "over-refused": "b-warn",
  error: "b-none",
  failed: "b-bad",
};

/** Long text shows its start, and the rest on demand; at most `limit` characters are embedded. */
function textCell(text: string | undefined, limit = 4000, cls = "text"): string {
  if (text === undefined || text === "") return `<td class="${cls} muted">—</td>`;
  const full = truncate(text, limit);
  if (full.length <= 220) return `<td class="${cls}">${h(full)}</td>`;
  return `<td class="${cls}"><details><summary>${h(truncate(full, 200))}</summary>${h(full)}</details></td>`;
}

function options(values: Iterable<string>, label: (v: string) => string): string {
  return [...new Set(values)]
    .sort((a, b) => a.localeCompare(b))
    .map((v) => `<option value="${h(v)}">${h(label(v))}</option>`)
    .join("");
}

/** The failing cases as a searchable, filterable, sortable table. All case text is escaped here. */
export function failuresSection(rows: readonly FailureRow[], max: number): string {
  const shown = rows.slice(0, max);
  const header = `<section class="panel" id="failures"><h2>Failing cases <span class="muted">(<span id="shown">${shown.length}</span> shown of ${h(
    count(rows.length),
  )})</span></h2>`;
  if (rows.length === 0) return `${header}<div class="empty">No failing or errored cases.</div></section>`;
  const cut =
    rows.length > shown.length
      ? `<p class="lead">${h(`The first ${count(shown.length)} are listed; the JSON report has all ${count(rows.length)}.`)}</p>`
      : "";
  const filters =
    `<div class="filters"><input id="q" type="search" placeholder="Search prompts, outputs, ids, details…" aria-label="Search failing cases">` +
    `<select data-filter="kind" aria-label="Reason"><option value="">every reason</option>${options(
      shown.map((r) => r.kind),
      (k) => FAILURE_LABELS[k as FailureKind],
    )}</select>` +
    `<select data-filter="category" aria-label="Category"><option value="">every category</option>${options(
      shown.map((r) => r.category),
      (v) => v,
    )}</select>` +
    `<select data-filter="strategy" aria-label="Strategy"><option value="">every strategy</option>${options(
      shown.map((r) => r.strategy),
      strategyLabel,
    )}</select>` +
    `<select data-filter="language" aria-label="Language"><option value="">every language</option>${options(
      shown.map((r) => r.language),
      (v) => v,
    )}</select></div>`;
  const body = shown
    .map(
      (r) =>
        `<tr data-kind="${h(r.kind)}" data-category="${h(r.category)}" data-strategy="${h(r.strategy)}" data-language="${h(r.language)}">` +
        `<td><span class="badge ${KIND_BADGE[r.kind]}">${h(FAILURE_LABELS[r.kind])}</span></td>` +
        `<td class="case"><div class="id">${h(r.caseId)}</div><div class="tags">${h(
          `${r.category} · ${strategyLabel(r.strategy)} · ${r.language} · ${r.severity}`,
        )}</div></td>` +
        textCell(r.prompt) +
        textCell(r.output) +
        textCell(r.detail, 2000, "detail") +
        `<td class="num">${h(r.stoppedBy === "none" ? "not stopped" : r.stoppedBy)}</td>` +
        (r.latencyMs === undefined
          ? `<td class="num" data-sort="-1">—</td>`
          : `<td class="num" data-sort="${r.latencyMs}">${h(ms(r.latencyMs))}</td>`) +
        `</tr>`,
    )
    .join("");
  const th = (label: string, num = false) => `<th class="sortable${num ? " num" : ""}">${label}</th>`;
  return (
    header +
    cut +
    filters +
    `<div class="cases-wrap"><table class="cases" id="cases"><thead><tr>${th("why")}${th("case")}` +
    `${th("prompt")}${th("output")}${th("detail")}${th("stopped by", true)}${th("latency", true)}</tr></thead>` +
    `<tbody>${body}</tbody></table>` +
    `<div class="empty" id="no-match" hidden>No case matches these filters.</div></div></section>`
  );
}
