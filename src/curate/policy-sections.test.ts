import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyError } from "../policy/problems.js";
import { DEFAULT_PRINCIPLES } from "./config.js";
import { loadCuratePolicy } from "./policy-sections.js";

const dir = mkdtempSync(join(tmpdir(), "curate-policy-"));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("curate policy sections", () => {
  it("reads curate, principles and pairs beside the guard policy", async () => {
    const p = file(
      "ok.yaml",
      "extends: default\nname: mine\ncurate:\n  pii: drop\n  languages: [en]\nprinciples:\n  - id: be-kind\n    text: Be kind.\npairs:\n  lookalikeScore: 0.3\nredaction:\n  mode: mask\n",
    );
    const { loaded, sections } = await loadCuratePolicy(p);
    expect(loaded.policy.name).toBe("mine");
    expect(loaded.policy.redaction.mode).toBe("mask");
    expect(sections.curate).toMatchObject({ pii: "drop", languages: ["en"], dedup: "near" });
    expect(sections.principles).toEqual([{ id: "be-kind", text: "Be kind.", categories: [], minScore: 0.5 }]);
    expect(sections.pairs.lookalikeScore).toBe(0.3);
  });

  it("uses the defaults for a built-in policy or a file without the sections", async () => {
    expect((await loadCuratePolicy("strict")).sections.principles).toEqual(DEFAULT_PRINCIPLES);
    const p = file("plain.yaml", "extends: default\nname: plain\n");
    expect((await loadCuratePolicy(p)).sections.curate.pii).toBe("redact");
  });

  it("reports a bad section value with its path, and guard-policy problems as before", async () => {
    const bad = file("bad.yaml", "extends: default\ncurate:\n  dedup: fuzzy\n");
    await expect(loadCuratePolicy(bad)).rejects.toThrow(PolicyError);
    await expect(loadCuratePolicy(bad)).rejects.toThrow(/curate\.dedup/);
    const worse = file(
      "worse.yaml",
      "extends: default\ncurate:\n  pii: drop\nrules:\n  pii:\n    action: explode\n",
    );
    await expect(loadCuratePolicy(worse)).rejects.toThrow(/rules\.pii\.action/);
  });
});
