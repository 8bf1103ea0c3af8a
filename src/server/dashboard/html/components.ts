/** Small pieces of markup the pages share. Every value that reaches HTML passes through `h`. */
import { escapeHtml as h, truncate } from "../../../eval/report/escape.js";
import { fmtDuration, fmtUtc } from "./format.js";

export { h, truncate };

/** A time the viewer's browser re-renders in local time; UTC without the script. */
export function timeTag(ms: number, options: { relativeTo?: number } = {}): string {
  if (!Number.isFinite(ms)) return "–";
  const iso = new Date(ms).toISOString();
  const ago =
    options.relativeTo !== undefined
      ? ` <span class="sub">(${h(fmtDuration(options.relativeTo - ms))} ago)</span>`
      : "";
  return `<time datetime="${iso}" data-local>${h(fmtUtc(ms))}</time>${ago}`;
}

export function badge(text: string, kind: string = text): string {
  return `<span class="badge ${h(kind)}">${h(text)}</span>`;
}

export function card(label: string, value: string, hint = "", valueClass = ""): string {
  return (
    `<div class="card"><div class="label">${h(label)}</div>` +
    `<div class="value${valueClass ? ` ${h(valueClass)}` : ""}">${h(value)}</div>` +
    (hint ? `<div class="hint">${h(hint)}</div>` : "") +
    `</div>`
  );
}

/** A titled panel; `body` is markup already escaped. */
export function panel(
  title: string,
  body: string,
  options: { lead?: string; aside?: string; id?: string } = {},
): string {
  const id = options.id ? ` id="${h(options.id)}"` : "";
  return (
    `<section class="panel"${id}><div class="panel-head"><h2>${h(title)}</h2>${options.aside ?? ""}</div>` +
    (options.lead ? `<p class="lead">${h(options.lead)}</p>` : "") +
    `${body}</section>`
  );
}

export function notice(text: string): string {
  return `<div class="notice" role="status">${h(text)}</div>`;
}

export function errorBox(title: string, problems: readonly string[] = []): string {
  const list = problems.length > 0 ? `<ul>${problems.map((p) => `<li>${h(p)}</li>`).join("")}</ul>` : "";
  return `<div class="error" role="alert">${h(title)}${list}</div>`;
}

export function empty(text: string): string {
  return `<div class="empty">${h(text)}</div>`;
}

/** The hidden field every mutating form carries. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="_csrf" value="${h(token)}">`;
}

/** A definition list of label -> markup (values already escaped). */
export function keyValues(rows: ReadonlyArray<[string, string]>): string {
  return `<dl class="kv">${rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

/** Tabs as links; `current` is the active one's value. */
export function tabs(items: ReadonlyArray<{ label: string; href: string; on: boolean }>): string {
  return `<nav class="tabs">${items
    .map((t) => `<a href="${h(t.href)}"${t.on ? ' class="on" aria-current="page"' : ""}>${h(t.label)}</a>`)
    .join("")}</nav>`;
}

/** "Showing 51–100 of 340" with previous / next links. */
export function pager(
  offset: number,
  shown: number,
  total: number | undefined,
  hrefAt: (offset: number, dir: -1 | 1) => string | undefined,
): string {
  if (shown === 0 && offset === 0) return "";
  const prev = hrefAt(offset, -1);
  const next = hrefAt(offset, 1);
  const of = total !== undefined ? ` of ${total.toLocaleString("en-US")}` : "";
  return (
    `<div class="pager"><span>Showing ${offset + 1}–${offset + shown}${of}</span><span class="actions">` +
    (prev ? `<a class="button" href="${h(prev)}">← Newer</a>` : "") +
    (next ? `<a class="button" href="${h(next)}">Older →</a>` : "") +
    `</span></div>`
  );
}
