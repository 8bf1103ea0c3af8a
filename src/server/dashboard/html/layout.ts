/**
 * The page shell: top bar with navigation and sign-out, then the page. Styles and the one script are
 * inline and pinned by hash in a Content-Security-Policy that allows nothing else — no network, no other
 * script, no inline style attributes — so text from the audit trail (attack text, by nature) stays inert
 * even if it ever escaped escaping.
 */
import { createHash } from "node:crypto";
import { csrfField, h } from "./components.js";
import { SCRIPT } from "./script.js";
import { STYLES } from "./styles.js";

const hashOf = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export const CONTENT_SECURITY_POLICY =
  `default-src 'none'; style-src ${hashOf(STYLES)}; script-src ${hashOf(SCRIPT)}; img-src data:; ` +
  `form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/** Headers every dashboard page is sent with. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};

export type NavKey = "overview" | "events" | "incidents" | "review" | "evals" | "policy";

const NAV: ReadonlyArray<[NavKey, string, string]> = [
  ["overview", "Overview", ""],
  ["events", "Events", "/events"],
  ["incidents", "Incidents", "/incidents"],
  ["review", "Review queue", "/review"],
  ["evals", "Eval runs", "/evals"],
  ["policy", "Policy", "/policy"],
];

/** What every signed-in page needs to draw its frame. */
export interface Chrome {
  /** Where the dashboard is mounted, e.g. "/dashboard". */
  base: string;
  user: string;
  csrf: string;
  /** Badges on the navigation: unresolved incidents, pending reviews. */
  counts?: { incidents: number; pending: number };
}

const LOGO =
  `<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path class="s0" d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z"/>` +
  `<path d="m8.5 12 2.5 2.5 4.5-5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

function shell(title: string, inner: string): string {
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="same-origin">` +
    `<title>${h(title)} · guardstack</title><style>${STYLES}</style></head><body>${inner}` +
    `<script>${SCRIPT}</script></body></html>\n`
  );
}

export function renderPage(input: {
  title: string;
  active: NavKey | undefined;
  chrome: Chrome;
  body: string;
  /** Markup beside the title (e.g. a range picker). */
  aside?: string;
  subtitle?: string;
}): string {
  const { chrome } = input;
  const badgeFor = (key: NavKey) => {
    const n =
      key === "incidents" ? chrome.counts?.incidents : key === "review" ? chrome.counts?.pending : undefined;
    return n ? `<span class="count" title="${n} waiting">${n > 99 ? "99+" : n}</span>` : "";
  };
  const nav = NAV.map(
    ([key, label, path]) =>
      `<a href="${h(chrome.base + path || "/")}"${key === input.active ? ' class="on" aria-current="page"' : ""}>${h(label)}${badgeFor(key)}</a>`,
  ).join("");
  const bar =
    `<header class="bar"><div class="in"><a class="brand" href="${h(chrome.base || "/")}">${LOGO}guardstack</a>` +
    `<nav class="main">${nav}</nav><div class="who"><span>${h(chrome.user)}</span>` +
    `<form method="post" action="${h(chrome.base)}/logout">${csrfField(chrome.csrf)}<button class="link" type="submit">Sign out</button></form>` +
    `</div></div></header>`;
  const head =
    `<div class="head"><div><h1>${h(input.title)}</h1>` +
    (input.subtitle ? `<div class="sub">${h(input.subtitle)}</div>` : "") +
    `</div>${input.aside ?? ""}</div>`;
  return shell(input.title, `${bar}<main>${head}${input.body}</main>`);
}

/** A page without navigation: sign-in, and the notice shown when the dashboard is off. */
export function renderBarePage(title: string, body: string): string {
  return shell(title, `<main>${body}</main>`);
}
