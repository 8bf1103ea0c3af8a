/** One event: what was decided and why, the stored text, the categories seen, and related records. */
import type { AuditEvent } from "../../../monitor/types.js";
import { scoreBar } from "../charts/bars.js";
import { badge, empty, h, keyValues, panel, timeTag } from "../html/components.js";
import { fmtInt, fmtMs } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";
import { filterQuery } from "../data/event-filter.js";

export function renderEventDetail(input: {
  chrome: Chrome;
  event: AuditEvent;
  incidents: ReadonlyArray<{ id: string; title: string; status: string; severity: string }>;
  sameText: number;
  now: number;
}): string {
  const { chrome, event: e } = input;
  const base = chrome.base;
  const link = (label: string, query: string) => `<a href="${h(base)}/events${query}">${h(label)}</a>`;
  const facts = keyValues([
    ["Action", badge(e.action)],
    ["Time", timeTag(e.time, { relativeTo: input.now })],
    ["Stage", h(e.stage)],
    ["Layer", h(e.layer)],
    ["Policy", `${h(e.policy.name)} <span class="sub">version ${h(e.policy.version)}</span>`],
    ["Latency", h(fmtMs(e.latencyMs))],
    ["Detector failures", e.failures > 0 ? `<span class="badge block">${fmtInt(e.failures)}</span>` : "none"],
    ["User", e.userId !== undefined ? link(e.userId, filterQuery({ user: e.userId })) : "–"],
    ["Session", e.sessionId !== undefined ? link(e.sessionId, filterQuery({ session: e.sessionId })) : "–"],
    ["API key", e.keyId !== undefined ? h(e.keyId) : "–"],
    [
      "Same text",
      input.sameText > 1
        ? link(`${fmtInt(input.sameText)} events with this exact text`, filterQuery({ hash: e.textHash }))
        : "only this event",
    ],
    ["Event id", `<code>${h(e.id)}</code>`],
  ]);

  const reasons =
    e.reasons.length === 0
      ? empty("No reasons: nothing reached the threshold of a rule that acts.")
      : `<table class="list"><thead><tr><th>Category</th><th>Detector</th><th>Label</th><th>Score</th><th></th></tr></thead><tbody>` +
        e.reasons
          .map(
            (r) =>
              `<tr><td>${link(r.category, filterQuery({ category: r.category }))}</td><td>${h(r.detector)}</td>` +
              `<td>${r.label !== undefined ? h(r.label) : '<span class="sub">–</span>'}</td>` +
              `<td class="num">${r.score.toFixed(2)}</td><td>${scoreBar(r.score)}</td></tr>`,
          )
          .join("") +
        `</tbody></table>`;

  const seen = Object.entries(e.categories).sort((a, b) => b[1] - a[1]);
  const reasonSet = new Set(e.reasons.map((r) => r.category));
  const categories =
    seen.length === 0
      ? empty("No detector reported anything.")
      : `<table class="list"><tbody>` +
        seen
          .map(
            ([c, s]) =>
              `<tr><td>${h(c)}${reasonSet.has(c) ? ' <span class="chip reason">reason</span>' : ""}</td>` +
              `<td class="num">${s.toFixed(2)}</td><td>${scoreBar(s)}</td></tr>`,
          )
          .join("") +
        `</tbody></table>`;

  const text =
    `<pre class="text-block" id="event-text">${h(e.text)}</pre>` +
    `<p class="sub">${fmtInt(e.textChars)} characters${e.textTruncated ? ", cut for storage" : ""}; personal data and secrets replaced by placeholders before storage.</p>` +
    (e.rawText !== undefined
      ? `<details><summary>Unredacted text (stored because the policy sets audit.storeRawText)</summary><pre class="text-block">${h(e.rawText)}</pre></details>`
      : "");

  const incidents =
    input.incidents.length === 0
      ? ""
      : panel(
          "Incidents",
          `<ul>${input.incidents
            .map(
              (i) =>
                `<li><a href="${h(base)}/incidents/${encodeURIComponent(i.id)}">${h(i.title)}</a> ${badge(i.severity)} ${badge(i.status)}</li>`,
            )
            .join("")}</ul>`,
        );

  const body =
    `<div class="cols"><div>` +
    panel("Text", text) +
    panel("Why", reasons, {
      lead: "The findings that made the decision: at or over the threshold of a rule that acts.",
    }) +
    panel("Everything the detectors saw", categories, {
      lead: "Highest score per category, under threshold included.",
    }) +
    `</div><div>` +
    panel("Decision", facts) +
    incidents +
    `</div></div>`;
  return renderPage({
    title: `Event`,
    subtitle: `${e.stage} · ${e.action}`,
    active: "events",
    chrome,
    body,
    aside: `<a class="button" href="${h(base)}/events">← All events</a>`,
  });
}
