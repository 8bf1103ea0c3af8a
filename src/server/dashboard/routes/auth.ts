/**
 * Signing in and out, and the locks on every other route: a valid session cookie (else to the sign-in
 * page), and on every form post a same-origin request carrying the session's CSRF token.
 *
 * Sign-in: the address must not be over its failure allowance (checked before the password, so a
 * locked-out address learns nothing), the form must carry the token of the sign-in cookie (double
 * submit), then the password is checked against the scrypt hash.
 */
import type { Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import { verifyAdminPassword } from "../auth/password.js";
import { clientAddress, isSameOrigin } from "../auth/request-origin.js";
import { randomToken, sameToken } from "../auth/sessions.js";
import { fmtDuration } from "../html/format.js";
import { renderBarePage } from "../html/layout.js";
import { errorBox, h } from "../html/components.js";
import { renderLogin } from "../pages/login.js";
import {
  html,
  LOGIN_COOKIE,
  seeOther,
  SESSION_COOKIE,
  type Dashboard,
  type DashboardContext,
  type DashboardEnv,
} from "../context.js";

const MAX_FORM_BYTES = 64 * 1024;

/** The form's string fields (files and repeated fields ignored), or undefined when it is not a form. */
async function readForm(c: DashboardContext): Promise<Record<string, string> | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data"))
    return undefined;
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v.slice(0, 10_000);
  return out;
}

function refuse(c: DashboardContext, status: number, title: string, message: string): Response {
  return html(
    c,
    renderBarePage(
      title,
      `<div class="login"><section class="panel"><h1>${h(title)}</h1>${errorBox(message)}</section></div>`,
    ),
    status,
  );
}

function loginPage(
  d: Dashboard,
  c: DashboardContext,
  status: number,
  error?: string,
  next?: string,
): Response {
  const token = randomToken();
  setCookie(c, LOGIN_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: `${d.base}/login`,
    secure: d.secure(c),
    maxAge: 3600,
  });
  const page = renderLogin({
    base: d.base,
    csrf: token,
    ...(error !== undefined ? { error } : {}),
    ...(next !== undefined ? { next: d.safeNext(next) } : {}),
  });
  return html(c, page, status);
}

/** How long to wait, rounded up: "40 s", "15 min" (never a minute less than the truth). */
function waitText(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : `${Math.ceil(ms / 60_000)} min`;
}

function throttled(d: Dashboard, c: DashboardContext, waitMs: number): Response {
  const minutes = waitText(waitMs);
  return html(
    c,
    renderLogin({
      base: d.base,
      csrf: "",
      error: `Too many failed sign-ins from your address (${d.throttle.maxFailures} within ${fmtDuration(d.throttle.windowMs)}). Try again in ${minutes}.`,
    }),
    429,
    { "retry-after": String(Math.ceil(waitMs / 1000)) },
  );
}

export function authRoutes(app: Hono<DashboardEnv>, d: Dashboard): void {
  // Forms are small: a larger body (declared or streamed) is refused before it is read.
  const limit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) =>
      refuse(c as DashboardContext, 413, "Too large", "The form was larger than the dashboard accepts."),
  });
  const limitBodies: MiddlewareHandler<DashboardEnv> = (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limit(c, next);
  app.use(limitBodies);

  app.get("/login", (c) => {
    const next = c.req.query("next");
    return loginPage(d, c, 200, undefined, next);
  });

  app.post("/login", async (c) => {
    if (!isSameOrigin(c)) return refuse(c, 403, "Refused", "This sign-in came from another site.");
    const address = clientAddress(c, d.deps.trustProxy === true);
    const wait = d.throttle.retryAfterMs(address);
    if (wait > 0) return throttled(d, c, wait);
    const form = await readForm(c);
    if (!form) return loginPage(d, c, 400, "The sign-in form was not sent as a form.");
    if (!sameToken(form._csrf, getCookie(c, LOGIN_COOKIE)))
      return loginPage(d, c, 403, "The sign-in form had expired. Enter the password again.", form.next);
    const ok = await verifyAdminPassword(form.password ?? "", d.deps.adminPasswordHash);
    if (!ok) {
      d.throttle.fail(address);
      const after = d.throttle.retryAfterMs(address);
      if (after > 0) return throttled(d, c, after);
      const left = d.throttle.maxFailures - d.throttle.count(address);
      return loginPage(
        d,
        c,
        401,
        `Wrong password. ${left} ${left === 1 ? "attempt" : "attempts"} left before sign-in is paused for this address.`,
        form.next,
      );
    }
    d.throttle.succeed(address);
    const session = d.sessions.create(d.user);
    await setSignedCookie(c, SESSION_COOKIE, session.id, d.secret, {
      httpOnly: true,
      sameSite: "Strict",
      path: d.base || "/",
      secure: d.secure(c),
      maxAge: Math.floor(d.sessions.ttlMs / 1000),
    });
    deleteCookie(c, LOGIN_COOKIE, { path: `${d.base}/login` });
    return seeOther(c, d.safeNext(form.next));
  });

  // Everything below needs a session.
  const requireSession: MiddlewareHandler<DashboardEnv> = async (c, next) => {
    const id = await getSignedCookie(c, d.secret, SESSION_COOKIE);
    const session = d.sessions.get(typeof id === "string" ? id : undefined);
    if (!session) {
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        const url = new URL(c.req.url);
        return seeOther(c, `${d.base}/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      }
      return refuse(c, 401, "Signed out", "Your session has ended. Sign in again and repeat the change.");
    }
    c.set("session", session);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const form = await readForm(c);
      if (!isSameOrigin(c) || !form || !sameToken(form._csrf, session.csrf))
        return refuse(
          c,
          403,
          "Refused",
          "This form is out of date or came from another site. Reload the page and try again.",
        );
      c.set("form", form);
    }
    await next();
  };
  app.use(requireSession);

  app.post("/logout", (c) => {
    d.sessions.end(c.get("session").id);
    deleteCookie(c, SESSION_COOKIE, { path: d.base || "/" });
    return seeOther(c, `${d.base}/login`);
  });
}
