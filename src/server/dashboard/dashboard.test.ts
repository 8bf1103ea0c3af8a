/**
 * The dashboard app through HTTP requests (no browser): sign-in and its throttle, session cookie flags,
 * CSRF and cross-site refusals, the pages, the changes reaching the database, and escaping of stored text.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent } from "../../monitor/testing/events.js";
import { hashAdminPassword } from "./auth/password.js";
import { createDashboard, dashboardFromEnv, dashboardOff } from "./create-dashboard.js";
import type { DashboardDeps } from "./deps.js";
import { seedDashboard, type SeededDashboard } from "./testing/seed.js";

const PASSWORD = "correct horse battery staple";
let dir: string;
let seed: SeededDashboard;
let hash: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gs-dashboard-"));
  seed = await seedDashboard(dir);
  hash = await hashAdminPassword(PASSWORD);
  await seed.audit.insert([
    makeEvent({
      text: `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"`,
      userId: "<b>mallet</b>",
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await seed.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A server with the dashboard mounted where `guardstack serve` mounts it, and a cookie jar. */
function client(over: Partial<DashboardDeps> = {}) {
  const app = new Hono();
  app.route(
    "/dashboard",
    createDashboard({
      audit: seed.audit,
      incidents: seed.incidents,
      escalations: seed.escalations,
      evals: seed.evals,
      policy: seed.policy,
      adminPasswordHash: hash,
      ...over,
    }),
  );
  const jar = new Map<string, string>();
  const request = async (path: string, init: RequestInit & { form?: Record<string, string> } = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    let body = init.body;
    if (init.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(init.form).toString();
    }
    const res = await app.request(`http://localhost${path}`, { ...init, headers, body, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? "";
  const signIn = async (password = PASSWORD) => {
    const page = await request("/dashboard/login");
    return request("/dashboard/login", {
      method: "POST",
      form: { _csrf: csrfOf(await page.text()), password },
    });
  };
  return { app, jar, request, csrfOf, signIn };
}

describe("sign-in", () => {
  it("sends a visitor without a session to the sign-in page, remembering where they were going", async () => {
    const c = client();
    const res = await c.request("/dashboard/events?q=card");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/login?next=%2Fdashboard%2Fevents%3Fq%3Dcard");
    const post = await c.request("/dashboard/incidents/x/status", {
      method: "POST",
      form: { to: "resolved" },
    });
    expect(post.status).toBe(401);
  });

  it("sets a signed, HttpOnly, SameSite=Strict session cookie scoped to the dashboard", async () => {
    const c = client();
    const page = await c.request("/dashboard/login?next=%2Fdashboard%2Fpolicy");
    const html = await page.text();
    expect(html).toContain('type="password"');
    const res = await c.request("/dashboard/login", {
      method: "POST",
      form: { _csrf: c.csrfOf(html), password: PASSWORD, next: "/dashboard/policy" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/policy");
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("guardstack_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/dashboard(;|$)/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    expect(decodeURIComponent(cookie.split(";")[0]!.split("=").slice(1).join("="))).toMatch(
      /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/=]+$/,
    );
    expect((await c.request("/dashboard/policy")).status).toBe(200);
  });

  it("does not follow a next= that leaves the dashboard", async () => {
    for (const next of ["https://evil.example/", "//evil.example/x", "/dashboard//evil", "/other"]) {
      const c = client();
      const page = await c.request("/dashboard/login");
      const res = await c.request("/dashboard/login", {
        method: "POST",
        form: { _csrf: c.csrfOf(await page.text()), password: PASSWORD, next },
      });
      expect(res.headers.get("location"), next).toBe("/dashboard");
    }
  });

  it("refuses a forged or tampered session cookie", async () => {
    const c = client();
    await c.signIn();
    const value = c.jar.get("guardstack_session")!;
    c.jar.set(
      "guardstack_session",
      value.replace(/^./, (ch) => (ch === "A" ? "B" : "A")),
    );
    expect((await c.request("/dashboard/")).status).toBe(303);
    c.jar.set("guardstack_session", "made-up");
    expect((await c.request("/dashboard")).status).toBe(303);
  });

  it("shows an error for a wrong password, and refuses a form without its token or from another site", async () => {
    const c = client({ login: { maxFailures: 100 } });
    const wrong = await c.signIn("not the password");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/Wrong password\. 99 attempts left/);
    expect(c.jar.has("guardstack_session")).toBe(false);

    const noToken = await c.request("/dashboard/login", { method: "POST", form: { password: PASSWORD } });
    expect(noToken.status).toBe(403);
    expect(c.jar.has("guardstack_session")).toBe(false);

    const page = await c.request("/dashboard/login");
    const crossSite = await c.request("/dashboard/login", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      form: { _csrf: c.csrfOf(await page.text()), password: PASSWORD },
    });
    expect(crossSite.status).toBe(403);
    const refused: Array<Record<string, string>> = [
      { origin: "null" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      const again = await c.request("/dashboard/login");
      const res = await c.request("/dashboard/login", {
        method: "POST",
        headers,
        form: { _csrf: c.csrfOf(await again.text()), password: PASSWORD },
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(c.jar.has("guardstack_session")).toBe(false);
  });

  it("marks cookies Secure over https, or when told to", async () => {
    for (const [c, url] of [
      [client(), "https://dash.example/dashboard/login"],
      [client({ secureCookies: true }), "http://localhost/dashboard/login"],
    ] as const) {
      const page = await c.app.request(url);
      expect(page.headers.getSetCookie()[0]).toMatch(/; Secure/);
    }
  });

  it("pauses sign-in after 5 failures in 15 minutes, even for the right password, and resumes after", async () => {
    let now = Date.now();
    const c = client({ clock: () => now });
    for (let i = 1; i <= 4; i++) expect((await c.signIn(`guess ${i}`)).status).toBe(401);
    const fifth = await c.signIn("guess 5");
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toMatch(
      /Too many failed sign-ins from your address \(5 within 15 min\)\. Try again in 15 min/,
    );
    expect(Number(fifth.headers.get("retry-after"))).toBe(900);
    const right = await c.signIn();
    expect(right.status).toBe(429);
    expect(c.jar.has("guardstack_session")).toBe(false);
    now += 15 * 60_000;
    expect((await c.signIn()).status).toBe(303);
  });

  it("signs out: the session no longer works", async () => {
    const c = client();
    await c.signIn();
    const saved = c.jar.get("guardstack_session")!;
    const page = await (await c.request("/dashboard")).text();
    const out = await c.request("/dashboard/logout", { method: "POST", form: { _csrf: c.csrfOf(page) } });
    expect(out.status).toBe(303);
    c.jar.set("guardstack_session", saved);
    expect((await c.request("/dashboard")).status).toBe(303);
  });
});

describe("pages", () => {
  it("serve every page with a strict Content-Security-Policy", async () => {
    const c = client();
    await c.signIn();
    const paths = [
      "/dashboard",
      "/dashboard?range=7d",
      "/dashboard?range=30d",
      "/dashboard/events",
      `/dashboard/events/${seed.ids.events.at(-1)}`,
      "/dashboard/incidents",
      "/dashboard/incidents?status=all",
      `/dashboard/incidents/${seed.ids.incidents[0]}`,
      "/dashboard/review",
      `/dashboard/review/${seed.ids.escalation}`,
      "/dashboard/evals",
      "/dashboard/policy",
    ];
    for (const p of paths) {
      const res = await c.request(p);
      expect(res.status, p).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/script-src 'sha256-[^']+'/);
      expect(csp).not.toMatch(/unsafe-inline|https?:/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      const html = await res.text();
      expect(html).not.toMatch(/ style="/); // the policy forbids inline style attributes
      expect(html).not.toMatch(/<(?:link|img)[^>]+(?:href|src)="https?:/);
    }
  });

  it("show the overview's numbers and charts", async () => {
    const c = client();
    await c.signIn();
    const html = await (await c.request("/dashboard")).text();
    expect(html).toMatch(
      /<div class="label">Blocked<\/div><div class="value block">7\.\d%<\/div><div class="hint">8 decisions/,
    );
    expect(html).toMatch(/aria-label="Decisions over time by action"/);
    expect(html).toMatch(/aria-label="Block rate by category over time"/);
    expect(html).toMatch(/aria-label="Guard latency percentiles over time"/);
    expect((html.match(/class="hit"/g) ?? []).length).toBeGreaterThanOrEqual(24 * 4);
    expect(html).toContain("indiscriminate-weapons");
  });

  it("answer a malformed filter with the reasons on the page, not a 500", async () => {
    const c = client();
    await c.signIn();
    const res = await c.request("/dashboard/events?since=last+tuesday&action=nuke&category=%3Cx%3E");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("These filters cannot be used:");
    expect(html).toContain("since &quot;last tuesday&quot; is not a time");
    expect(html).toContain("action &quot;nuke&quot; is not an action");
    expect(html).toContain("category &quot;&lt;x&gt;&quot; is not a category id");
    expect(html).not.toContain("<x>");
  });

  it("find events by their text and filters", async () => {
    const c = client();
    await c.signIn();
    const html = await (await c.request("/dashboard/events?q=CVVs")).text();
    expect(html).toMatch(/<h2>1 event<\/h2>/);
    expect(html).toContain("<mark>CVVs</mark>");
    const blocked = await (await c.request("/dashboard/events?user=mallory&action=block")).text();
    expect(blocked).toMatch(/<h2>6 events<\/h2>/);
  });

  it("escape stored text everywhere it appears", async () => {
    const c = client();
    await c.signIn();
    const list = await (await c.request("/dashboard/events?q=onerror")).text();
    expect(list).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(list).not.toMatch(/<script>alert|<img src=x/);
    expect(list).toContain("&lt;b&gt;mallet&lt;/b&gt;");
    const id = /href="\/dashboard\/events\/([0-9a-f-]+)"/.exec(list)![1]!;
    const detail = await (await c.request(`/dashboard/events/${id}`)).text();
    expect(detail).not.toMatch(/<script>alert|<img src=x|<b>mallet/);
  });

  it("answer unknown things with a page: 404", async () => {
    const c = client();
    await c.signIn();
    expect((await c.request("/dashboard/events/no-such-event")).status).toBe(404);
    expect((await c.request("/dashboard/incidents/no-such-incident")).status).toBe(404);
    expect((await c.request("/dashboard/review/no-such-item")).status).toBe(404);
    expect((await c.request("/dashboard/evals/no-such-run/report")).status).toBe(404);
    const res = await c.request("/dashboard/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect((await c.request("/dashboard/")).headers.get("location")).toBe("/dashboard");
  });

  it("serve an eval run's self-contained report, sandboxed away from the dashboard's origin", async () => {
    const c = client();
    await c.signIn();
    const res = await c.request(`/dashboard/evals/${seed.ids.run}/report`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox allow-scripts;/);
    const html = await res.text();
    expect(html).toContain("Safety evaluation: demo-model+guard");
    const list = await (await c.request("/dashboard/evals")).text();
    expect(list).toMatch(/50%/); // attack success: 1 of 2 harmful cases
  });
});

describe("changes", () => {
  it("need the session's CSRF token and a same-site request", async () => {
    const c = client();
    await c.signIn();
    const id = seed.ids.incidents[1]!;
    const page = await (await c.request(`/dashboard/incidents/${id}`)).text();
    const token = c.csrfOf(page);
    const missing = await c.request(`/dashboard/incidents/${id}/note`, {
      method: "POST",
      form: { note: "x" },
    });
    expect(missing.status).toBe(403);
    const wrong = await c.request(`/dashboard/incidents/${id}/note`, {
      method: "POST",
      form: { note: "x", _csrf: token + "x" },
    });
    expect(wrong.status).toBe(403);
    const crossSite = await c.request(`/dashboard/incidents/${id}/note`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
      form: { note: "x", _csrf: token },
    });
    expect(crossSite.status).toBe(403);
    expect((await seed.incidents.history(id)).some((h) => h.action === "noted")).toBe(false);
    const ok = await c.request(`/dashboard/incidents/${id}/note`, {
      method: "POST",
      form: { note: "looked at it", _csrf: token },
    });
    expect(ok.status).toBe(303);
    expect((await seed.incidents.history(id)).at(-1)).toMatchObject({
      action: "noted",
      actor: "admin",
      note: "looked at it",
    });
  });

  it("refuse a form larger than 64 KiB before reading it", async () => {
    const c = client();
    await c.signIn();
    const id = seed.ids.incidents[1]!;
    const token = c.csrfOf(await (await c.request(`/dashboard/incidents/${id}`)).text());
    const res = await c.request(`/dashboard/incidents/${id}/note`, {
      method: "POST",
      form: { _csrf: token, note: "x".repeat(100_000) },
    });
    expect(res.status).toBe(413);
    expect((await seed.incidents.history(id)).some((h) => h.note?.startsWith("xxx"))).toBe(false);
  });

  it("work an incident from open to triaged to resolved, and report a change that no longer applies", async () => {
    const c = client({ adminUser: "ops-admin" });
    await c.signIn();
    const id = seed.ids.incidents[1]!;
    const token = c.csrfOf(await (await c.request(`/dashboard/incidents/${id}`)).text());
    const post = (path: string, form: Record<string, string>) =>
      c.request(`/dashboard/incidents/${id}/${path}`, { method: "POST", form: { ...form, _csrf: token } });

    let res = await post("status", { to: "triaged", owner: "dana", note: "on it" });
    expect(res.headers.get("location")).toBe(`/dashboard/incidents/${id}?done=triaged`);
    expect(await seed.incidents.get(id)).toMatchObject({ status: "triaged", owner: "dana" });
    expect(await (await c.request(res.headers.get("location")!)).text()).toContain("Incident triaged.");

    await post("assign", { owner: "erin" });
    expect((await seed.incidents.get(id))?.owner).toBe("erin");

    res = await post("status", { to: "resolved", note: "false positive: a novel" });
    expect(res.status).toBe(303);
    const resolved = await seed.incidents.get(id);
    expect(resolved?.status).toBe("resolved");
    expect(resolved?.resolvedAt).toBeGreaterThan(0);
    expect((await seed.incidents.history(id)).at(-1)).toMatchObject({
      action: "resolved",
      actor: "ops-admin",
      fromStatus: "triaged",
      toStatus: "resolved",
      note: "false positive: a novel",
    });

    res = await post("status", { to: "triaged" });
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/is resolved; it cannot be triaged/);
    res = await post("status", { to: "closed" });
    expect(res.status).toBe(400);
    res = await post("note", { note: "  " });
    expect(res.status).toBe(400);

    await post("status", { to: "open", note: "it came back" });
    expect((await seed.incidents.get(id))?.status).toBe("open");
  });

  it("approve or deny an escalation with a note, once", async () => {
    const c = client();
    await c.signIn();
    const id = await seed.escalations.enqueue({
      stage: "input",
      text: "held for review",
      decision: await seed.guard.check("input", "Where can I buy a card dump?"),
    });
    const page = await (await c.request("/dashboard/review")).text();
    expect(page).toContain(`data-id="${id}"`);
    const token = c.csrfOf(page);
    const res = await c.request(`/dashboard/review/${id}`, {
      method: "POST",
      form: { _csrf: token, verdict: "deny", note: "carding", from: "list" },
    });
    expect(res.headers.get("location")).toBe("/dashboard/review?done=denied");
    expect(await seed.escalations.get(id)).toMatchObject({
      status: "denied",
      reviewer: "admin",
      note: "carding",
    });
    const again = await c.request(`/dashboard/review/${id}`, {
      method: "POST",
      form: { _csrf: token, verdict: "approve", from: "item" },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/is already denied by admin/);
    const bad = await c.request(`/dashboard/review/${id}`, {
      method: "POST",
      form: { _csrf: token, verdict: "maybe" },
    });
    expect(bad.status).toBe(400);
    const trail = await (await c.request(`/dashboard/review/${id}`)).text();
    expect(trail).toMatch(/<strong>denied<\/strong> by admin/);
    expect(trail).toContain("carding");
  });
});

describe("without an admin password", () => {
  it("the server's mount serves the stand-in and says why at start", async () => {
    const { dashboardMount } = await import("./mount.js");
    const off = await dashboardMount({ audit: seed.audit, env: {} });
    expect(off.enabled).toBe(false);
    expect(off.message).toMatch(/the dashboard is off: no admin password/);
    await expect(
      dashboardMount({ audit: seed.audit, env: { GUARDSTACK_ADMIN_PASSWORD: "short" } }),
    ).rejects.toThrow(/too short/);
  });

  it("there is no dashboard: a page says how to turn it on", async () => {
    const deps = { audit: seed.audit, policy: seed.policy };
    const off = await dashboardFromEnv(deps, {});
    expect(off.enabled).toBe(false);
    expect(off.message).toMatch(/GUARDSTACK_ADMIN_PASSWORD/);
    const app = new Hono().route("/dashboard", off.app);
    for (const p of ["/dashboard", "/dashboard/login", "/dashboard/events"]) {
      const res = await app.request(p);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("GUARDSTACK_ADMIN_PASSWORD");
    }
    expect(() => createDashboard({ ...deps, adminPasswordHash: "" })).toThrow(/no admin password/);
    const on = await dashboardFromEnv(deps, { GUARDSTACK_ADMIN_PASSWORD: PASSWORD });
    expect(on.enabled).toBe(true);
    expect((await dashboardOff().request("/anything")).status).toBe(503);
  });
});
