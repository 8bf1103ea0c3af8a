/**
 * Builds dist/ once before the tests, so CLI tests run the real `guardstack` binary on current sources.
 * GUARDSTACK_SKIP_BUILD=1 skips it for quick runs of unit tests that do not touch dist/.
 */
import { execFileSync } from "node:child_process";

export default function setup(): void {
  if (process.env.GUARDSTACK_SKIP_BUILD === "1") return;
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
}
