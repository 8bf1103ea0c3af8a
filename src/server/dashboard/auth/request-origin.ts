/**
 * Who is asking, for sign-in throttling and cross-site checks. The client address is the socket's peer
 * (Node's server); X-Forwarded-For is believed only when the deployment says a proxy sets it.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    const first = forwarded?.split(",")[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not served by Node (e.g. app.request() in tests): one shared bucket.
    return "unknown";
  }
}

/**
 * False for a request a browser marks as sent from elsewhere: Sec-Fetch-Site other than "same-origin"
 * (modern browsers send it on every request), or — from browsers that do not — an Origin header that
 * is not this server's. Forms must also carry the session's CSRF token; this is the second lock.
 */
export function isSameOrigin(c: Context): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined) return site === "same-origin";
  const origin = c.req.header("origin");
  // No Origin either: an old browser or a plain HTTP client; the CSRF token decides. "null": refuse.
  if (origin === undefined) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  return from.host === host;
}
