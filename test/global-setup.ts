/** Builds dist/ once before the tests, so CLI tests run the real `guardstack` binary on current sources. */
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
}
