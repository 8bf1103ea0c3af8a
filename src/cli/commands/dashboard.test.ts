import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { verifyAdminPassword } from "../../server/dashboard/auth/password.js";
import { registerDashboard } from "./dashboard.js";

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerDashboard(program);
  let out = "";
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => {
    out += `${parts.join(" ")}\n`;
  });
  try {
    await program.parseAsync(["node", "guardstack", ...args]);
  } finally {
    log.mockRestore();
  }
  return out;
}

describe("guardstack dashboard hash-password", () => {
  it("prints a scrypt hash that verifies the password", async () => {
    const out = (await run("dashboard", "hash-password", "a long enough password")).trim();
    expect(out).toMatch(/^scrypt\$/);
    expect(await verifyAdminPassword("a long enough password", out)).toBe(true);
    expect(await verifyAdminPassword("a long enough passwore", out)).toBe(false);
  });

  it("refuses a short password", async () => {
    await expect(run("dashboard", "hash-password", "short")).rejects.toThrow(/too short: use at least 12/);
  });
});
