/**
 * The monitoring dashboard as a self-contained Hono sub-app, mounted by the server with
 * `app.route("/dashboard", createDashboard(deps))`. Server-rendered pages with inline SVG charts and one
 * small inline script; nothing is loaded from anywhere else.
 *
 * There is no dashboard without an admin password: `createDashboard` refuses to build without a valid
 * hash, and `dashboardFromEnv` returns a stand-in that explains how to turn it on.
 */
import { Hono } from "hono";
import {
  AdminPasswordError,
  adminPasswordHashFromEnv,
  isAdminPasswordHash,
  NO_PASSWORD_MESSAGE,
} from "./auth/password.js";
import { Dashboard, html, seeOther, type DashboardEnv } from "./context.js";
import type { DashboardDeps } from "./deps.js";
import { errorBox, h } from "./html/components.js";
import { renderBarePage } from "./html/layout.js";
import { renderDashboardOff } from "./pages/login.js";
import { renderNotFound } from "./pages/not-found.js";
import { actionRoutes } from "./routes/actions.js";
import { authRoutes } from "./routes/auth.js";
import { pageRoutes } from "./routes/pages.js";

export function createDashboard(deps: DashboardDeps): Hono<DashboardEnv> {
  if (!isAdminPasswordHash(deps.adminPasswordHash)) throw new AdminPasswordError(NO_PASSWORD_MESSAGE);
  const d = new Dashboard(deps);
  const app = new Hono<DashboardEnv>();

  authRoutes(app, d); // sign-in, then the session and CSRF locks on everything after
  pageRoutes(app, d);
  actionRoutes(app, d);

  // The parent server answers unknown paths in its own (JSON) format; inside the dashboard, a page.
  app.all("*", async (c) => {
    // The overview is at the mount path itself; its trailing-slash form leads there.
    if (c.req.method === "GET" && c.req.path === `${d.base}/`) return seeOther(c, d.base || "/");
    return html(c, renderNotFound(await d.chrome(c), `Nothing at ${c.req.path}.`), 404);
  });

  app.onError((err, c) => {
    d.deps.onError?.(err, c.req.path);
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
    return html(
      c,
      renderBarePage(
        "Error",
        `<div class="login"><section class="panel"><h1>Something went wrong</h1>${errorBox(first)}` +
          `<p class="sub">The error was logged. <a href="${h(d.base)}">Back to the overview</a></p></section></div>`,
      ),
      500,
    );
  });
  return app;
}

/** A stand-in mounted where the dashboard would be: every path explains why it is off (503). */
export function dashboardOff(reason: string = NO_PASSWORD_MESSAGE): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.all("*", (c) => html(c, renderDashboardOff(reason), 503));
  return app;
}

export interface DashboardFromEnv {
  app: Hono<DashboardEnv>;
  enabled: boolean;
  /** Why it is off, for the start-up log. */
  message?: string;
}

/**
 * The dashboard with the admin password from GUARDSTACK_ADMIN_PASSWORD(_HASH), or — when neither is
 * set — the stand-in, with the message to log at start. A malformed hash or too-short password throws
 * AdminPasswordError: a mistake in the configuration should stop the start, not be skipped.
 */
export async function dashboardFromEnv(
  deps: Omit<DashboardDeps, "adminPasswordHash">,
  env: Record<string, string | undefined> = process.env,
): Promise<DashboardFromEnv> {
  const hash = await adminPasswordHashFromEnv(env);
  if (hash === undefined) return { app: dashboardOff(), enabled: false, message: NO_PASSWORD_MESSAGE };
  return { app: createDashboard({ ...deps, adminPasswordHash: hash }), enabled: true };
}
