/** Incidents: the list by status, and one incident with its events, history and the forms that work it. */
import type {
  Incident,
  IncidentHistoryEntry,
  IncidentSeverity,
  IncidentStatus,
} from "../../../monitor/incidents/types.js";
import { timeSeriesChart } from "../charts/time-series.js";
import type { TimeWindow } from "../data/time-window.js";
import type { AuditEvent } from "../../../monitor/types.js";
import {
  badge,
  csrfField,
  empty,
  errorBox,
  h,
  keyValues,
  notice,
  pager,
  panel,
  tabs,
  timeTag,
} from "../html/components.js";
import { fmtInt } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";
import { eventTable } from "./event-parts.js";

export const INCIDENT_PAGE_SIZE = 50;

export type IncidentTab = IncidentStatus | "unresolved" | "all";

const TAB_LABELS: Record<IncidentTab, string> = {
  unresolved: "Unresolved",
  open: "Open",
  triaged: "Triaged",
  resolved: "Resolved",
  all: "All",
};

const SEVERITY_CLASSES: Record<IncidentSeverity, string> = {
  critical: "s1",
  high: "s5",
  medium: "s2",
  low: "s0",
};

function openedChart(opened: Record<IncidentSeverity, number[]>, window: TimeWindow): string {
  const series = (["critical", "high", "medium", "low"] as const).map((s) => ({
    name: s,
    cls: SEVERITY_CLASSES[s],
    values: opened[s],
  }));
  if (series.every((s) => s.values.every((v) => v === 0)))
    return empty("No incident was opened in the last 30 days.");
  return timeSeriesChart({
    label: "Incidents opened per day by severity",
    starts: window.starts,
    bucketMs: window.bucketMs,
    series,
    kind: "columns",
    format: fmtInt,
    integer: true,
    height: 170,
    width: 1160,
  });
}

export function renderIncidentList(input: {
  opened: Record<IncidentSeverity, number[]>;
  window: TimeWindow;
  chrome: Chrome;
  tab: IncidentTab;
  incidents: readonly Incident[];
  counts: Record<string, number>;
  offset: number;
  now: number;
}): string {
  const { chrome, counts } = input;
  const base = chrome.base;
  const countOf = (t: IncidentTab) =>
    t === "all"
      ? (counts.open ?? 0) + (counts.triaged ?? 0) + (counts.resolved ?? 0)
      : t === "unresolved"
        ? (counts.open ?? 0) + (counts.triaged ?? 0)
        : (counts[t] ?? 0);
  const nav = tabs(
    (Object.keys(TAB_LABELS) as IncidentTab[]).map((t) => ({
      label: `${TAB_LABELS[t]} · ${fmtInt(countOf(t))}`,
      href: `${base}/incidents?status=${t}`,
      on: t === input.tab,
    })),
  );
  const rows = input.incidents
    .map(
      (i) =>
        `<tr class="link"><td>${badge(i.severity)}</td>` +
        `<td><a href="${h(base)}/incidents/${encodeURIComponent(i.id)}">${h(i.title)}</a><div class="sub">${h(i.rule)} rule</div></td>` +
        `<td>${badge(i.status)}</td><td>${i.owner !== undefined ? h(i.owner) : '<span class="sub">nobody</span>'}</td>` +
        `<td class="num">${fmtInt(i.eventCount)}</td><td class="nowrap">${timeTag(i.openedAt)}</td>` +
        `<td class="nowrap">${timeTag(i.lastEventAt, { relativeTo: input.now })}</td></tr>`,
    )
    .join("");
  const table =
    input.incidents.length === 0
      ? empty(input.offset > 0 ? "No more incidents." : "No incidents here.")
      : `<table class="list" id="incidents"><thead><tr><th>Severity</th><th>Incident</th><th>Status</th><th>Owner</th>` +
        `<th class="num">Events</th><th>Opened</th><th>Last event</th></tr></thead><tbody>${rows}</tbody></table>` +
        pager(input.offset, input.incidents.length, countOf(input.tab), (offset, dir) => {
          const next = offset + dir * INCIDENT_PAGE_SIZE;
          if ((dir === -1 && offset === 0) || (dir === 1 && next >= countOf(input.tab))) return undefined;
          return `${base}/incidents?status=${input.tab}&offset=${Math.max(0, next)}`;
        });
  return renderPage({
    title: "Incidents",
    active: "incidents",
    chrome,
    subtitle: "Patterns the incident rules found: severe categories, repeated strikes, spikes",
    body:
      panel("Opened in the last 30 days", openedChart(input.opened, input.window), {
        lead: "Per day (UTC), by severity.",
      }) +
      nav +
      panel(TAB_LABELS[input.tab], table),
  });
}

const DONE_MESSAGES: Record<string, string> = {
  triaged: "Incident triaged.",
  resolved: "Incident resolved.",
  reopened: "Incident reopened.",
  assigned: "Owner changed.",
  noted: "Note added.",
};

function detailsOf(details: Record<string, unknown>): string {
  const entries = Object.entries(details);
  if (entries.length === 0) return empty("The rule recorded no details.");
  return keyValues(
    entries.map(([k, v]) => [k, typeof v === "string" ? h(v) : `<code>${h(JSON.stringify(v))}</code>`]),
  );
}

function history(entries: readonly IncidentHistoryEntry[]): string {
  if (entries.length === 0) return empty("No history.");
  return (
    `<ol class="timeline" id="incident-history">` +
    entries
      .map((e) => {
        const change =
          e.fromStatus && e.toStatus ? ` <span class="sub">${h(e.fromStatus)} → ${h(e.toStatus)}</span>` : "";
        return (
          `<li><div><strong>${h(e.action)}</strong> by ${h(e.actor)}${change}</div>` +
          `<div class="when">${timeTag(e.at)}</div>` +
          (e.note ? `<div class="note">${h(e.note)}</div>` : "") +
          `</li>`
        );
      })
      .join("") +
    `</ol>`
  );
}

function forms(base: string, i: Incident, csrf: string, user: string): string {
  const action = (path: string) => `${h(base)}/incidents/${encodeURIComponent(i.id)}/${path}`;
  const note = (placeholder: string) =>
    `<label class="f">Note<textarea name="note" maxlength="2000" placeholder="${h(placeholder)}"></textarea></label>`;
  let out = "";
  if (i.status === "open")
    out += panel(
      "Triage",
      `<form method="post" action="${action("status")}" class="stack">${csrfField(csrf)}<input type="hidden" name="to" value="triaged">` +
        `<label class="f">Owner<input name="owner" value="${h(i.owner ?? user)}" maxlength="100"></label>${note("What is known so far")}` +
        `<div class="actions"><button class="primary" type="submit">Triage</button></div></form>`,
      { lead: "Take it: the incident is being looked at, and by whom." },
    );
  if (i.status !== "resolved")
    out += panel(
      "Resolve",
      `<form method="post" action="${action("status")}" id="resolve-form">${csrfField(csrf)}<input type="hidden" name="to" value="resolved">` +
        `${note("What was done, or why no action is needed")}<div class="actions"><button class="good" type="submit">Resolve</button></div></form>`,
    );
  else
    out += panel(
      "Reopen",
      `<form method="post" action="${action("status")}">${csrfField(csrf)}<input type="hidden" name="to" value="open">` +
        `${note("Why it needs another look")}<div class="actions"><button type="submit">Reopen</button></div></form>`,
    );
  out += panel(
    "Owner and notes",
    `<form method="post" action="${action("assign")}">${csrfField(csrf)}<label class="f">Owner<input name="owner" value="${h(i.owner ?? "")}" maxlength="100" required></label>` +
      `<div class="actions"><button type="submit">Set owner</button></div></form><br>` +
      `<form method="post" action="${action("note")}">${csrfField(csrf)}${note("Add to the history")}<div class="actions"><button type="submit">Add note</button></div></form>`,
  );
  return out;
}

export function renderIncidentDetail(input: {
  chrome: Chrome;
  incident: Incident;
  events: readonly AuditEvent[];
  history: readonly IncidentHistoryEntry[];
  done?: string;
  error?: string;
  now: number;
}): string {
  const { chrome, incident: i } = input;
  const base = chrome.base;
  const facts = keyValues([
    ["Status", badge(i.status)],
    ["Severity", badge(i.severity)],
    ["Owner", i.owner !== undefined ? h(i.owner) : '<span class="sub">nobody yet</span>'],
    ["Rule", h(i.rule)],
    ["Opened", timeTag(i.openedAt, { relativeTo: input.now })],
    ["Last event", timeTag(i.lastEventAt, { relativeTo: input.now })],
    ["Updated", timeTag(i.updatedAt)],
    ...(i.resolvedAt !== undefined ? ([["Resolved", timeTag(i.resolvedAt)]] as Array<[string, string]>) : []),
    ["Events", fmtInt(i.eventCount)],
    ["Key", `<code>${h(i.key)}</code>`],
  ]);
  const flash =
    (input.done && DONE_MESSAGES[input.done] ? notice(DONE_MESSAGES[input.done] as string) : "") +
    (input.error ? errorBox(input.error) : "");
  const events =
    input.events.length === 0
      ? empty("The incident's events are gone (pruned by retention) or were never stored.")
      : eventTable(base, input.events);
  const body =
    flash +
    `<div class="cols"><div>` +
    panel("What the rule saw", detailsOf(i.details)) +
    panel("History", history(input.history), { lead: "Every change: who, when, and why." }) +
    `</div><div>` +
    panel("Incident", facts) +
    forms(base, i, chrome.csrf, chrome.user) +
    `</div></div>` +
    panel(`Events · ${fmtInt(i.eventCount)}`, events, {
      lead: input.events.length < i.eventCount ? `The first ${fmtInt(input.events.length)} shown.` : "",
    });
  return renderPage({
    title: i.title,
    subtitle: `Incident ${i.id}`,
    active: "incidents",
    chrome,
    body,
    aside: `<a class="button" href="${h(base)}/incidents">← All incidents</a>`,
  });
}
