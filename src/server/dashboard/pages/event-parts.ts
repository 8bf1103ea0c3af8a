/** Pieces of event markup shared by the events list, an event's page and an incident's page. */
import type { AuditEvent } from "../../../monitor/types.js";
import { badge, h, timeTag, truncate } from "../html/components.js";
import { fmtMs } from "../html/format.js";

export function reasonChips(e: AuditEvent): string {
  const reasons = new Map<string, number>();
  for (const r of e.reasons) reasons.set(r.category, Math.max(reasons.get(r.category) ?? 0, r.score));
  if (reasons.size === 0) return `<span class="sub">none</span>`;
  return [...reasons]
    .map(([c, s]) => `<span class="chip reason" title="score ${s.toFixed(2)}">${h(c)}</span>`)
    .join("");
}

/**
 * A window of the text around the first match of `q`, with the match marked. Matching ignores case
 * only where lower-casing keeps every position (otherwise it shows the start, unmarked).
 */
export function snippet(text: string, q: string | undefined, max = 220): string {
  if (q) {
    const lower = text.toLowerCase();
    const needle = q.toLowerCase();
    const at = lower.length === text.length && needle.length === q.length ? lower.indexOf(needle) : -1;
    if (at >= 0) {
      const start = Math.max(0, at - Math.floor((max - q.length) / 2));
      const end = Math.min(text.length, start + max);
      return (
        (start > 0 ? "…" : "") +
        h(text.slice(start, at)) +
        `<mark>${h(text.slice(at, at + q.length))}</mark>` +
        h(text.slice(at + q.length, end)) +
        (end < text.length ? "…" : "")
      );
    }
  }
  return h(truncate(text, max));
}

/** The events table; `q` marks search matches. */
export function eventTable(base: string, events: readonly AuditEvent[], q?: string): string {
  const rows = events
    .map(
      (e) =>
        `<tr class="link"><td class="nowrap"><a href="${h(base)}/events/${encodeURIComponent(e.id)}">${timeTag(e.time)}</a></td>` +
        `<td>${badge(e.action)}</td><td>${h(e.stage)}</td><td>${reasonChips(e)}</td>` +
        `<td>${e.userId !== undefined ? h(truncate(e.userId, 40)) : '<span class="sub">–</span>'}</td>` +
        `<td class="snippet">${snippet(e.text, q)}</td><td class="num nowrap">${h(fmtMs(e.latencyMs))}</td></tr>`,
    )
    .join("");
  return (
    `<div class="table-wrap"><table class="list" id="events"><thead><tr><th>Time</th><th>Action</th><th>Stage</th><th>Reasons</th><th>User</th>` +
    `<th>Text (redacted)</th><th class="num">Latency</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}
