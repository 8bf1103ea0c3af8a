/** The dashboard's per-app state and the helpers every route uses: its frame, HTML responses, redirects. */
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { IncidentStore } from "../../monitor/incidents/incident-store.js";
import type { LoadedPolicy } from "../../policy/load.js";
import { LoginThrottle } from "./auth/login-throttle.js";
import { DashboardSessions, type Session } from "./auth/sessions.js";
import type { DashboardDeps } from "./deps.js";
import { incidentCounts } from "./data/incident-stats.js";
import { pendingCount } from "./data/review-reader.js";
import { PAGE_HEADERS, type Chrome } from "./html/layout.js";

export type DashboardEnv = { Variables: { session: Session; form: Record<string, string> } };
export type DashboardContext = Context<DashboardEnv>;

export const SESSION_COOKIE = "guardstack_session";
export const LOGIN_COOKIE = "guardstack_login";

export class Dashboard {
  readonly base: string;
  readonly user: string;
  readonly secret: string;
  readonly sessions: DashboardSessions;
  readonly throttle: LoginThrottle;
  readonly incidents: IncidentStore;
  readonly clock: () => number;

  constructor(readonly deps: DashboardDeps) {
    this.base = normaliseBase(deps.basePath ?? "/dashboard");
    this.user = deps.adminUser ?? "admin";
    this.secret = deps.sessionSecret ?? randomBytes(32).toString("base64url");
    this.clock = deps.clock ?? Date.now;
    this.sessions = new DashboardSessions({
      clock: this.clock,
      ...(deps.sessionTtlMs !== undefined ? { ttlMs: deps.sessionTtlMs } : {}),
    });
    this.throttle = new LoginThrottle({ clock: this.clock, ...deps.login });
    this.incidents = deps.incidents ?? new IncidentStore(deps.audit.monitorDb, { clock: this.clock });
  }

  policy(): LoadedPolicy {
    const p = this.deps.policy;
    return typeof p === "function" ? p() : p;
  }

  /** The frame of a signed-in page, with the navigation's waiting counts. */
  async chrome(c: DashboardContext): Promise<Chrome> {
    const session = c.get("session");
    const [incidents, pending] = await Promise.all([
      incidentCounts(this.deps.audit.db),
      this.deps.escalations ? pendingCount(this.deps.escalations) : Promise.resolve(0),
    ]);
    return {
      base: this.base,
      user: session.user,
      csrf: session.csrf,
      counts: { incidents: (incidents.open ?? 0) + (incidents.triaged ?? 0), pending },
    };
  }

  /** Secure cookies when configured, else when the request itself came over https. */
  secure(c: Context): boolean {
    if (this.deps.secureCookies !== undefined) return this.deps.secureCookies;
    try {
      return new URL(c.req.url).protocol === "https:";
    } catch {
      return false;
    }
  }

  /** A path inside the dashboard to return to after sign-in; anything else becomes the overview. */
  safeNext(next: string | undefined): string {
    if (!next || next.length > 2000) return this.base;
    if (!next.startsWith(`${this.base}/`) && next !== this.base) return this.base;
    if (next.includes("//") || next.includes("\\")) return this.base;
    return next;
  }
}

function normaliseBase(base: string): string {
  let trimmed = base;
  while (trimmed.endsWith("/")) trimmed = trimmed.slice(0, -1);
  if (trimmed !== "" && !trimmed.startsWith("/"))
    throw new Error(`basePath must start with "/", got "${base}"`);
  return trimmed;
}

export function html(c: Context, body: string, status = 200, headers: Record<string, string> = {}): Response {
  return c.body(body, status as 200, { ...PAGE_HEADERS, ...headers });
}

/** 303 See Other: after a form, the browser fetches the page with GET. */
export function seeOther(c: Context, location: string): Response {
  return c.body(null, 303, { location, "cache-control": "no-store" });
}
