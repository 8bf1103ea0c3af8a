import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle.js";
import {
  AdminPasswordError,
  adminPasswordHashFromEnv,
  hashAdminPassword,
  isAdminPasswordHash,
  verifyAdminPassword,
} from "./password.js";
import { DashboardSessions, sameToken } from "./sessions.js";

describe("admin password", () => {
  it("hashes with scrypt and a fresh salt, and verifies only the right password", async () => {
    const a = await hashAdminPassword("correct horse battery staple");
    const b = await hashAdminPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain("horse");
    expect(await verifyAdminPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyAdminPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyAdminPassword("", a)).toBe(false);
  });

  it("treats a malformed or out-of-bounds hash as no match, never as an error or a stall", async () => {
    const good = await hashAdminPassword("another long password");
    const parts = good.split("$");
    const bad = [
      "",
      "plain-password",
      good.replace("scrypt", "bcrypt"),
      [...parts.slice(0, 1), "1048577", ...parts.slice(2)].join("$"), // N not a power of two
      [...parts.slice(0, 1), String(1 << 22), ...parts.slice(2)].join("$"), // N too large
      [...parts.slice(0, 5), "AAAA"].join("$"), // short key
    ];
    for (const h of bad) {
      expect(isAdminPasswordHash(h)).toBe(false);
      expect(await verifyAdminPassword("another long password", h)).toBe(false);
    }
    expect(isAdminPasswordHash(good)).toBe(true);
  });

  it("reads the environment: the hash first, then the password (hashed), else nothing", async () => {
    const hash = await hashAdminPassword("from the hash variable");
    expect(
      await adminPasswordHashFromEnv({
        GUARDSTACK_ADMIN_PASSWORD_HASH: hash,
        GUARDSTACK_ADMIN_PASSWORD: "x",
      }),
    ).toBe(hash);
    const fromPlain = await adminPasswordHashFromEnv({ GUARDSTACK_ADMIN_PASSWORD: "a long enough password" });
    expect(fromPlain).toBeDefined();
    expect(await verifyAdminPassword("a long enough password", fromPlain!)).toBe(true);
    expect(await adminPasswordHashFromEnv({})).toBeUndefined();
    expect(await adminPasswordHashFromEnv({ GUARDSTACK_ADMIN_PASSWORD: "" })).toBeUndefined();
    await expect(adminPasswordHashFromEnv({ GUARDSTACK_ADMIN_PASSWORD: "short" })).rejects.toThrow(
      AdminPasswordError,
    );
    await expect(adminPasswordHashFromEnv({ GUARDSTACK_ADMIN_PASSWORD_HASH: "nonsense" })).rejects.toThrow(
      /not a scrypt hash/,
    );
  });
});

describe("login throttle", () => {
  it("allows 5 failures per 15 minutes per address, then refuses until the oldest leaves the window", () => {
    let now = 1_000_000;
    const t = new LoginThrottle({ clock: () => now });
    for (let i = 0; i < 4; i++) {
      t.fail("10.0.0.1");
      now += 60_000;
    }
    expect(t.retryAfterMs("10.0.0.1")).toBe(0);
    t.fail("10.0.0.1"); // the fifth, at +4 min
    expect(t.retryAfterMs("10.0.0.1")).toBe(15 * 60_000 - 4 * 60_000);
    expect(t.retryAfterMs("10.0.0.2")).toBe(0); // other addresses unaffected
    now += 11 * 60_000 - 1;
    expect(t.retryAfterMs("10.0.0.1")).toBe(1);
    now += 1; // the first failure leaves the window
    expect(t.retryAfterMs("10.0.0.1")).toBe(0);
    expect(t.count("10.0.0.1")).toBe(4);
  });

  it("forgives an address on success, and forgets the oldest addresses beyond its bound", () => {
    const t = new LoginThrottle({ maxFailures: 2, maxTracked: 3 });
    t.fail("a");
    t.fail("a");
    expect(t.retryAfterMs("a")).toBeGreaterThan(0);
    t.succeed("a");
    expect(t.retryAfterMs("a")).toBe(0);
    for (const addr of ["b", "c", "d", "e"]) {
      t.fail(addr);
      t.fail(addr);
    }
    expect(t.count("b")).toBe(0); // evicted
    expect(t.retryAfterMs("e")).toBeGreaterThan(0);
  });
});

describe("sessions", () => {
  it("expire after their lifetime and end on sign-out", () => {
    let now = 0;
    const s = new DashboardSessions({ ttlMs: 1000, clock: () => now });
    const a = s.create("admin");
    expect(s.get(a.id)?.csrf).toBe(a.csrf);
    expect(a.csrf).not.toBe(a.id);
    now = 999;
    expect(s.get(a.id)).toBeDefined();
    now = 1000;
    expect(s.get(a.id)).toBeUndefined();
    const b = s.create("admin");
    s.end(b.id);
    expect(s.get(b.id)).toBeUndefined();
    expect(s.get(undefined)).toBeUndefined();
  });

  it("keeps at most maxSessions", () => {
    const s = new DashboardSessions({ maxSessions: 2 });
    const first = s.create("admin");
    s.create("admin");
    s.create("admin");
    expect(s.size).toBe(2);
    expect(s.get(first.id)).toBeUndefined();
  });

  it("compares tokens exactly", () => {
    expect(sameToken("abc", "abc")).toBe(true);
    expect(sameToken("abc", "abd")).toBe(false);
    expect(sameToken("abc", "abcd")).toBe(false);
    expect(sameToken("", "")).toBe(false);
    expect(sameToken(undefined, "abc")).toBe(false);
  });
});
