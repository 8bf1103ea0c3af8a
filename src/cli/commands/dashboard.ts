/**
 * `guardstack dashboard hash-password <password|->` — the scrypt hash to set as
 * GUARDSTACK_ADMIN_PASSWORD_HASH, so the dashboard's password never sits in the environment in clear.
 */
import type { Command } from "commander";
import { hashAdminPassword, MIN_PASSWORD_LENGTH } from "../../server/dashboard/auth/password.js";
import { UserError } from "../errors.js";
import { readTextArg } from "../read-input.js";

export function registerDashboard(program: Command): void {
  const dashboard = program
    .command("dashboard")
    .description("the monitoring dashboard served by `guardstack serve` at /dashboard");

  dashboard
    .command("hash-password")
    .description(
      "print the scrypt hash of an admin password for GUARDSTACK_ADMIN_PASSWORD_HASH (- reads stdin)",
    )
    .argument(
      "<password>",
      "the password, or - to read it from standard input (keeps it out of shell history)",
    )
    .action(async (arg: string) => {
      let password = await readTextArg(arg);
      // A piped password usually ends with a line break that is not part of it.
      if (password.endsWith("\n")) password = password.slice(0, -1);
      if (password.endsWith("\r")) password = password.slice(0, -1);
      if (password.length < MIN_PASSWORD_LENGTH)
        throw new UserError(`the password is too short: use at least ${MIN_PASSWORD_LENGTH} characters`);
      console.log(await hashAdminPassword(password));
    });
}
