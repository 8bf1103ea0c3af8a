/** The pages (GET): overview, events, an event, incidents, an incident, the review queue, eval runs, policy. */
import type { Hono } from "hono";
import { renderHtml } from "../../../eval/report/index.js";
import type { IncidentStatus } from "../../../monitor/incidents/types.js";
import { html, type Dashboard, type DashboardEnv } from "../context.js";
import { parseEventFilter } from "../data/event-filter.js";
import { incidentsOfEvent, matchHistogram, searchEvents } from "../data/event-search.js";
import { EvalRunSummaries } from "../data/eval-runs.js";
import { incidentCounts, openedBySeverity } from "../data/incident-stats.js";
import { overviewStats } from "../data/overview-stats.js";
import { pendingCount, reviewOverview } from "../data/review-reader.js";
import { isRangeKey, timeWindow } from "../data/time-window.js";
import { renderEventDetail } from "../pages/event-detail.js";
import { renderEvents } from "../pages/events.js";
import { renderEvals } from "../pages/evals.js";
import {
  INCIDENT_PAGE_SIZE,
  renderIncidentDetail,
  renderIncidentList,
  type IncidentTab,
} from "../pages/incidents.js";
import { renderOverview } from "../pages/overview.js";
import { renderNotFound } from "../pages/not-found.js";
import { renderPolicy } from "../pages/policy.js";
import { renderReview, renderReviewItem } from "../pages/review.js";

const TABS: readonly IncidentTab[] = ["unresolved", "open", "triaged", "resolved", "all"];
const OFFSET = /^\d{1,7}$/;
export const PATTERNS: readonly RegExp[] = [OFFSET];

function offsetOf(text: string | undefined): number {
  return text !== undefined && OFFSET.test(text) ? Number(text) : 0;
}

export function pageRoutes(app: Hono<DashboardEnv>, d: Dashboard): void {
  const audit = d.deps.audit;
  const evalSummaries = new EvalRunSummaries();

  app.get("/", async (c) => {
    const asked = c.req.query("range");
    const range = isRangeKey(asked) ? asked : "24h";
    const now = d.clock();
    const [chrome, stats, incidents, pending] = await Promise.all([
      d.chrome(c),
      overviewStats(audit.db, timeWindow(range, now)),
      incidentCounts(audit.db),
      d.deps.escalations ? pendingCount(d.deps.escalations) : Promise.resolve(undefined),
    ]);
    return html(c, renderOverview({ chrome, range, stats, incidents, pending }));
  });

  app.get("/events", async (c) => {
    const now = d.clock();
    const { filter, form, problems } = parseEventFilter(c.req.query(), now);
    const chrome = await d.chrome(c);
    if (problems.length > 0) return html(c, renderEvents({ chrome, form, filter, problems }), 400);
    const [page, histogram] = await Promise.all([
      searchEvents(audit.monitorDb, filter),
      matchHistogram(audit.monitorDb, filter, now),
    ]);
    return html(
      c,
      renderEvents({ chrome, form, filter, problems, page, ...(histogram ? { histogram } : {}) }),
    );
  });

  app.get("/events/:id", async (c) => {
    const chrome = await d.chrome(c);
    const event = await audit.get(c.req.param("id"));
    if (!event)
      return html(
        c,
        renderNotFound(chrome, "No event with this id: it may have been pruned by retention."),
        404,
      );
    const [incidents, sameText] = await Promise.all([
      incidentsOfEvent(audit.db, event.id),
      audit.count({ textHash: event.textHash }),
    ]);
    return html(c, renderEventDetail({ chrome, event, incidents, sameText, now: d.clock() }));
  });

  app.get("/incidents", async (c) => {
    const asked = c.req.query("status") as IncidentTab | undefined;
    const tab: IncidentTab = asked !== undefined && TABS.includes(asked) ? asked : "unresolved";
    const offset = offsetOf(c.req.query("offset"));
    const status: IncidentStatus[] | undefined =
      tab === "all" ? undefined : tab === "unresolved" ? ["open", "triaged"] : [tab];
    const now = d.clock();
    const window = timeWindow("30d", now);
    const [chrome, incidents, counts, opened] = await Promise.all([
      d.chrome(c),
      d.incidents.list({ ...(status ? { status } : {}), limit: INCIDENT_PAGE_SIZE, offset }),
      incidentCounts(audit.db),
      openedBySeverity(audit.db, window),
    ]);
    return html(c, renderIncidentList({ chrome, tab, incidents, counts, offset, now, opened, window }));
  });

  app.get("/incidents/:id", async (c) => {
    const chrome = await d.chrome(c);
    const incident = await d.incidents.get(c.req.param("id"));
    if (!incident) return html(c, renderNotFound(chrome, "No incident with this id."), 404);
    const [events, history] = await Promise.all([
      d.incidents.events(incident.id, { limit: 200 }),
      d.incidents.history(incident.id),
    ]);
    const done = c.req.query("done");
    return html(
      c,
      renderIncidentDetail({ chrome, incident, events, history, now: d.clock(), ...(done ? { done } : {}) }),
    );
  });

  app.get("/review", async (c) => {
    const queue = d.deps.escalations;
    const [chrome, overview] = await Promise.all([d.chrome(c), queue ? reviewOverview(queue) : undefined]);
    const done = c.req.query("done");
    return html(c, renderReview({ chrome, overview, now: d.clock(), ...(done ? { done } : {}) }));
  });

  app.get("/review/:id", async (c) => {
    const chrome = await d.chrome(c);
    const queue = d.deps.escalations;
    const item = queue ? await queue.get(c.req.param("id")) : undefined;
    if (!queue || !item) return html(c, renderNotFound(chrome, "No escalation with this id."), 404);
    const history = await queue.history(item.id);
    const done = c.req.query("done");
    return html(c, renderReviewItem({ chrome, item, history, now: d.clock(), ...(done ? { done } : {}) }));
  });

  app.get("/evals", async (c) => {
    const store = d.deps.evals;
    const [chrome, rows] = await Promise.all([d.chrome(c), store ? evalSummaries.list(store) : undefined]);
    return html(c, renderEvals({ chrome, rows, now: d.clock() }));
  });

  app.get("/evals/:id/report", async (c) => {
    const store = d.deps.evals;
    const id = c.req.param("id");
    const run = store ? await store.getRun(id) : undefined;
    if (!store || !run) return html(c, renderNotFound(await d.chrome(c), "No eval run with this id."), 404);
    const report = renderHtml({ run: await store.loadRun(id) });
    // The report carries its own Content-Security-Policy (its hashed style and script only). Sandboxed
    // without same-origin, its page cannot reach the dashboard's cookies or make requests as the admin.
    return c.body(report, 200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "sandbox allow-scripts; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    });
  });

  app.get("/policy", async (c) => {
    const chrome = await d.chrome(c);
    return html(c, renderPolicy({ chrome, loaded: d.policy() }));
  });
}
