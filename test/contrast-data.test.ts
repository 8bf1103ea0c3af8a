/** The project-written contrast sets stay valid: the validator checks shape, ids, counts and duplicates. */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

it("training/data/validate.mjs passes on the committed contrast sets", () => {
  const r = spawnSync(process.execPath, ["training/data/validate.mjs"], { encoding: "utf8" });
  expect(r.stdout + r.stderr).toMatch(/\d+ passed, 0 failed/);
  expect(r.status).toBe(0);
});
