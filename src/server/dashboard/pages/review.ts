/**
 * The review queue: escalations waiting for a person (approve or deny, with a note), those released
 * flagged that still want a verdict, and the latest decisions — who decided, when, and why.
 */
import type { EscalationEventRow, EscalationItem } from "../../../guard/escalation/index.js";
import { scoreBar } from "../charts/bars.js";
import {
  badge,
  csrfField,
  empty,
  errorBox,
  h,
  keyValues,
  notice,
  panel,
  timeTag,
  truncate,
} from "../html/components.js";
import { fmtDuration, fmtInt } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";
import type { ReviewOverview } from "../data/review-reader.js";

const DONE_MESSAGES: Record<string, string> = {
  approved: "Approved: the held response was released.",
  denied: "Denied: the held response stays refused.",
};

function reasons(item: EscalationItem): string {
  const rs = item.decision.reasons;
  if (rs.length === 0) return `<span class="sub">no reasons recorded</span>`;
  return (
    `<table class="list reasons"><tbody>` +
    rs
      .map(
        (r) =>
          `<tr><td>${h(r.category)}${r.label !== undefined ? ` <span class="sub">${h(r.label)}</span>` : ""}</td>` +
          `<td>${h(r.detector)}</td><td>${badge(item.decision.ruleActions[r.category] ?? "–", item.decision.ruleActions[r.category] === "escalate" ? "escalate" : "")}</td>` +
          `<td class="num">${r.score.toFixed(2)}</td><td>${scoreBar(r.score, 90)}</td></tr>`,
      )
      .join("") +
    `</tbody></table>`
  );
}

function verdictForm(base: string, item: EscalationItem, csrf: string, from: "list" | "item"): string {
  return (
    `<form method="post" action="${h(base)}/review/${encodeURIComponent(item.id)}" class="verdict">${csrfField(csrf)}` +
    `<input type="hidden" name="from" value="${from}">` +
    `<label class="f">Note (why)<textarea name="note" maxlength="2000" placeholder="What you saw and why you decided so"></textarea></label>` +
    `<div class="actions"><button class="good" type="submit" name="verdict" value="approve">Approve</button>` +
    `<button class="bad" type="submit" name="verdict" value="deny">Deny</button></div></form>`
  );
}

function itemCard(base: string, item: EscalationItem, csrf: string, now: number): string {
  const created = Date.parse(item.createdAt);
  const who = [
    item.userId !== undefined ? `user ${h(item.userId)}` : "",
    item.sessionId !== undefined ? `session ${h(truncate(item.sessionId, 24))}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    `<div class="item" data-id="${h(item.id)}"><div class="item-head">${badge(item.status)}` +
    (item.flagged ? badge("flagged", "escalate") : "") +
    `<strong>${h(item.stage)}</strong><span class="sub">${timeTag(created)} · waiting ${h(fmtDuration(now - created))}</span>` +
    (who ? `<span class="sub">${who}</span>` : "") +
    `<span class="sub">policy ${h(item.decision.policy.name)}</span>` +
    `<a class="right" href="${h(base)}/review/${encodeURIComponent(item.id)}">details</a></div>` +
    `<pre class="text-block">${h(item.text)}</pre><h3>Why it was escalated</h3>${reasons(item)}` +
    verdictForm(base, item, csrf, "list") +
    `</div>`
  );
}

function decidedTable(base: string, items: readonly EscalationItem[]): string {
  if (items.length === 0) return empty("Nothing decided yet.");
  return (
    `<table class="list" id="decided"><thead><tr><th>Verdict</th><th>Stage</th><th>Text</th><th>Reviewer</th><th>When</th><th>Note</th></tr></thead><tbody>` +
    items
      .map(
        (i) =>
          `<tr><td>${badge(i.status)}${i.flagged ? " " + badge("flagged", "escalate") : ""}</td><td>${h(i.stage)}</td>` +
          `<td class="snippet"><a href="${h(base)}/review/${encodeURIComponent(i.id)}">${h(truncate(i.text, 120))}</a></td>` +
          `<td>${h(i.reviewer ?? "–")}</td><td class="nowrap">${timeTag(Date.parse(i.updatedAt))}</td>` +
          `<td>${i.note ? h(truncate(i.note, 160)) : '<span class="sub">–</span>'}</td></tr>`,
      )
      .join("") +
    `</tbody></table>`
  );
}

export function renderReview(input: {
  chrome: Chrome;
  overview: ReviewOverview | undefined;
  done?: string;
  error?: string;
  now: number;
}): string {
  const { chrome, overview } = input;
  const base = chrome.base;
  const flash =
    (input.done && DONE_MESSAGES[input.done] ? notice(DONE_MESSAGES[input.done] as string) : "") +
    (input.error ? errorBox(input.error) : "");
  if (!overview)
    return renderPage({
      title: "Review queue",
      active: "review",
      chrome,
      body: panel(
        "The review queue is off",
        empty(
          'Escalations are refused at once. Set "reviewQueue: true" in the server config to hold them for a person here.',
        ),
      ),
    });
  const pending =
    overview.pending.length === 0
      ? empty("Nothing is waiting for review.")
      : overview.pending.map((i) => itemCard(base, i, chrome.csrf, input.now)).join("");
  const released =
    overview.released.length === 0
      ? ""
      : panel(
          `Released flagged · ${fmtInt(overview.released.length)}`,
          overview.released.map((i) => itemCard(base, i, chrome.csrf, input.now)).join(""),
          {
            lead: "Let out without a reviewer (release-flagged mode, or on timeout). Your verdict is recorded after the fact.",
          },
        );
  const body =
    flash +
    panel(`Pending · ${fmtInt(overview.pendingTotal)}`, pending, {
      id: "pending",
      lead:
        "Held responses wait here, oldest first, until you decide or the policy's escalation timeout decides for you." +
        (overview.pendingTotal > overview.pending.length
          ? ` The oldest ${fmtInt(overview.pending.length)} are shown.`
          : ""),
    }) +
    released +
    panel("Latest decisions", decidedTable(base, overview.decided));
  return renderPage({
    title: "Review queue",
    active: "review",
    chrome,
    subtitle: "Escalations held for a person",
    body,
  });
}

export function renderReviewItem(input: {
  chrome: Chrome;
  item: EscalationItem;
  history: readonly EscalationEventRow[];
  now: number;
  done?: string;
  error?: string;
}): string {
  const { chrome, item } = input;
  const base = chrome.base;
  const flash =
    (input.done && DONE_MESSAGES[input.done] ? notice(DONE_MESSAGES[input.done] as string) : "") +
    (input.error ? errorBox(input.error) : "");
  const facts = keyValues([
    ["Status", badge(item.status) + (item.flagged ? " " + badge("flagged", "escalate") : "")],
    ["Stage", h(item.stage)],
    ["Queued", timeTag(Date.parse(item.createdAt), { relativeTo: input.now })],
    ["Reviewer", item.reviewer !== undefined ? h(item.reviewer) : "–"],
    ["Note", item.note !== undefined ? h(item.note) : "–"],
    ["User", item.userId !== undefined ? h(item.userId) : "–"],
    ["Session", item.sessionId !== undefined ? h(item.sessionId) : "–"],
    [
      "Policy",
      `${h(item.decision.policy.name)} <span class="sub">version ${h(item.decision.policy.version)}</span>`,
    ],
    ["Guard action", badge(item.decision.action)],
    ["Id", `<code>${h(item.id)}</code>`],
  ]);
  const trail =
    `<ol class="timeline" id="review-history">` +
    input.history
      .map(
        (e) =>
          `<li><div><strong>${h(e.action)}</strong> by ${h(e.actor)} <span class="sub">${h(e.fromStatus ?? "new")} → ${h(e.toStatus)}</span></div>` +
          `<div class="when">${timeTag(Date.parse(e.at))}</div>${e.note ? `<div class="note">${h(e.note)}</div>` : ""}</li>`,
      )
      .join("") +
    `</ol>`;
  const open = item.status === "pending" || item.status === "released";
  const body =
    flash +
    `<div class="cols"><div>` +
    panel("Held text (redacted)", `<pre class="text-block">${h(item.text)}</pre>`) +
    panel("Why it was escalated", reasons(item)) +
    panel("Audit trail", trail, { lead: "Who did what, when, and why." }) +
    `</div><div>` +
    panel("Escalation", facts) +
    (open ? panel("Decide", verdictForm(base, item, chrome.csrf, "item")) : "") +
    `</div></div>`;
  return renderPage({
    title: "Escalation",
    subtitle: item.id,
    active: "review",
    chrome,
    body,
    aside: `<a class="button" href="${h(base)}/review">← Review queue</a>`,
  });
}
