/**
 * The changes (form posts, each behind the session and CSRF checks): incident status, owner and notes,
 * and review verdicts. Each goes through the store's own compare-and-set, so a change someone else made
 * first is reported, not overwritten; then the browser is sent back to the page (post, redirect, get).
 */
import type { Hono } from "hono";
import { EscalationError } from "../../../guard/escalation/index.js";
import { IncidentError } from "../../../monitor/incidents/types.js";
import { html, seeOther, type Dashboard, type DashboardContext, type DashboardEnv } from "../context.js";
import { renderIncidentDetail } from "../pages/incidents.js";
import { renderNotFound } from "../pages/not-found.js";
import { renderReview, renderReviewItem } from "../pages/review.js";
import { reviewOverview } from "../data/review-reader.js";

const MAX_NOTE = 2000;
const MAX_OWNER = 100;

function field(c: DashboardContext, name: string, max: number): string | undefined {
  const v = c.get("form")[name]?.trim();
  return v ? v.slice(0, max) : undefined;
}

export function actionRoutes(app: Hono<DashboardEnv>, d: Dashboard): void {
  const incidentError = async (c: DashboardContext, id: string, message: string, status: number) => {
    const chrome = await d.chrome(c);
    const incident = await d.incidents.get(id);
    if (!incident) return html(c, renderNotFound(chrome, "No incident with this id."), 404);
    const [events, history] = await Promise.all([
      d.incidents.events(id, { limit: 200 }),
      d.incidents.history(id),
    ]);
    return html(
      c,
      renderIncidentDetail({ chrome, incident, events, history, error: message, now: d.clock() }),
      status,
    );
  };

  const incidentChange = async (c: DashboardContext, change: (id: string) => Promise<string>) => {
    const id = c.req.param("id") as string;
    try {
      const done = await change(id);
      return seeOther(c, `${d.base}/incidents/${encodeURIComponent(id)}?done=${done}`);
    } catch (err) {
      if (err instanceof IncidentError)
        return incidentError(c, id, err.message, err.message.startsWith("no incident") ? 404 : 409);
      if (err instanceof RangeError) return incidentError(c, id, err.message, 400);
      throw err;
    }
  };

  app.post("/incidents/:id/status", (c) =>
    incidentChange(c, async (id) => {
      const actor = c.get("session").user;
      const note = field(c, "note", MAX_NOTE);
      const input = { actor, ...(note !== undefined ? { note } : {}) };
      switch (c.get("form").to) {
        case "triaged": {
          const owner = field(c, "owner", MAX_OWNER);
          await d.incidents.triage(id, { ...input, ...(owner !== undefined ? { owner } : {}) });
          return "triaged";
        }
        case "resolved":
          await d.incidents.resolve(id, input);
          return "resolved";
        case "open":
          await d.incidents.reopen(id, input);
          return "reopened";
        default:
          throw new RangeError('the new status must be "triaged", "resolved" or "open"');
      }
    }),
  );

  app.post("/incidents/:id/assign", (c) =>
    incidentChange(c, async (id) => {
      const owner = field(c, "owner", MAX_OWNER);
      if (owner === undefined) throw new RangeError("name the new owner");
      const note = field(c, "note", MAX_NOTE);
      await d.incidents.assign(id, {
        actor: c.get("session").user,
        owner,
        ...(note !== undefined ? { note } : {}),
      });
      return "assigned";
    }),
  );

  app.post("/incidents/:id/note", (c) =>
    incidentChange(c, async (id) => {
      const note = field(c, "note", MAX_NOTE);
      if (note === undefined) throw new RangeError("the note is empty");
      await d.incidents.addNote(id, { actor: c.get("session").user, note });
      return "noted";
    }),
  );

  app.post("/review/:id", async (c) => {
    const queue = d.deps.escalations;
    const id = c.req.param("id");
    const fromItem = c.get("form").from === "item";
    const back = fromItem ? `${d.base}/review/${encodeURIComponent(id)}` : `${d.base}/review`;
    const verdict = c.get("form").verdict;
    const fail = async (message: string, status: number) => {
      const chrome = await d.chrome(c);
      const item = queue ? await queue.get(id) : undefined;
      if (!queue || !item) return html(c, renderNotFound(chrome, "No escalation with this id."), 404);
      if (fromItem)
        return html(
          c,
          renderReviewItem({
            chrome,
            item,
            history: await queue.history(id),
            now: d.clock(),
            error: message,
          }),
          status,
        );
      return html(
        c,
        renderReview({ chrome, overview: await reviewOverview(queue), now: d.clock(), error: message }),
        status,
      );
    };
    if (!queue) return fail("The review queue is off.", 404);
    if (verdict !== "approve" && verdict !== "deny") return fail('Choose "Approve" or "Deny".', 400);
    const note = field(c, "note", MAX_NOTE);
    const review = { reviewer: c.get("session").user, ...(note !== undefined ? { note } : {}) };
    try {
      if (verdict === "approve") await queue.approve(id, review);
      else await queue.deny(id, review);
    } catch (err) {
      if (err instanceof EscalationError)
        return fail(err.message, err.message.startsWith("no escalation") ? 404 : 409);
      throw err;
    }
    return seeOther(c, `${back}?done=${verdict === "approve" ? "approved" : "denied"}`);
  });
}
