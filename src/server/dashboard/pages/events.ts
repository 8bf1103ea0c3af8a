/** The events page: search and filters, matches over time, the matching events newest first. */
import { STAGES } from "../../../policy/stages.js";
import { columnBars } from "../charts/bars.js";
import { empty, errorBox, h, pager, panel } from "../html/components.js";
import { fmtInt, fmtUtc } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";
import { filterQuery, type EventFilter, type EventFilterForm } from "../data/event-filter.js";
import type { EventPage, MatchHistogram } from "../data/event-search.js";
import { ACTIONS } from "../data/overview-stats.js";
import { eventTable } from "./event-parts.js";

function select(name: string, label: string, value: string, options: readonly string[]): string {
  const known = value === "" || options.includes(value);
  const opts = [["", "any"], ...options.map((o) => [o, o])]
    .concat(known ? [] : [[value, `${value} (not valid)`]])
    .map(
      ([v, l]) =>
        `<option value="${h(v as string)}"${v === value ? " selected" : ""}>${h(l as string)}</option>`,
    )
    .join("");
  return `<label class="f">${h(label)}<select name="${h(name)}" data-autosubmit>${opts}</select></label>`;
}

function input(name: string, label: string, value: string, placeholder: string, wide = false): string {
  return (
    `<label class="f${wide ? " wide" : ""}">${h(label)}<input type="text" name="${h(name)}" value="${h(value)}" ` +
    `placeholder="${h(placeholder)}" autocomplete="off"></label>`
  );
}

export function renderFilterForm(base: string, form: EventFilterForm): string {
  return (
    `<form class="filters" method="get" action="${h(base)}/events" role="search">` +
    input("q", "Text contains", form.q, "words from the redacted text", true) +
    select("stage", "Stage", form.stage, STAGES) +
    select("action", "Action", form.action, ACTIONS) +
    input("category", "Category", form.category, "e.g. prompt-injection") +
    input("user", "User", form.user, "user id") +
    input("since", "Since", form.since, "24h, 7d or 2024-05-01 13:00") +
    input("until", "Until", form.until, "UTC unless a zone is given") +
    (form.session ? input("session", "Session", form.session, "") : "") +
    (form.hash ? input("hash", "Text hash", form.hash, "") : "") +
    `<div class="actions"><button class="primary" type="submit">Search</button>` +
    `<a class="button" href="${h(base)}/events">Clear</a></div></form>`
  );
}

export function renderEvents(input: {
  chrome: Chrome;
  form: EventFilterForm;
  filter: EventFilter;
  problems: readonly string[];
  page?: EventPage;
  histogram?: MatchHistogram;
}): string {
  const { chrome, form, filter } = input;
  const base = chrome.base;
  let body = panel("Search", renderFilterForm(base, form));
  if (input.problems.length > 0) {
    body =
      errorBox(
        input.problems.length === 1 ? "This filter cannot be used:" : "These filters cannot be used:",
        input.problems,
      ) + body;
  } else if (input.page) {
    const { events, total } = input.page;
    const hist = input.histogram;
    const chart =
      hist && total > 0
        ? columnBars({
            label: "Matching events over time",
            values: hist.counts,
            tips: hist.starts.map((s, i) => `${fmtUtc(s)}\n${fmtInt(hist.counts[i] as number)} events`),
          }) +
          `<div class="legend"><span>${h(fmtUtc(hist.starts[0] as number))}</span><span class="right">→ ${h(
            fmtUtc((hist.starts[hist.starts.length - 1] as number) + hist.bucketMs),
          )}</span></div>`
        : "";
    const results =
      events.length === 0
        ? empty(filter.offset > 0 ? "No more events." : "No event matches these filters.")
        : eventTable(base, events, filter.q) +
          pager(filter.offset, events.length, total, (offset, dir) => {
            const next = offset + dir * 50;
            if (dir === -1 && offset === 0) return undefined;
            if (dir === 1 && next >= total) return undefined;
            return `${base}/events${filterQuery(form, { offset: String(Math.max(0, next)) })}`;
          });
    body += panel(`${fmtInt(total)} ${total === 1 ? "event" : "events"}`, chart + results, {
      lead: "Texts are shown as stored: with personal data and secrets replaced by placeholders.",
    });
  }
  return renderPage({
    title: "Events",
    active: "events",
    chrome,
    body,
    subtitle: "Every guard decision in the audit trail",
  });
}
