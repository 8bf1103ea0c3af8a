import { describe, expect, it } from "vitest";
import { fixture } from "../../test/fixtures/policies/helpers.js";
import { explainPolicy } from "./explain.js";
import { loadBuiltinPolicy, loadPolicyFile, loadPolicyText } from "./load.js";
import { canonicalJson, policyVersion } from "./version.js";
import { BUILTIN_POLICY_NAMES } from "./builtin-policies.js";

describe("policy version", () => {
  it("is stable for the same content, however it is written", async () => {
    const a = await loadPolicyText("name: v\nrules:\n  pii: { action: block, threshold: 0.7 }\n");
    const b = await loadPolicyText(
      "# comment\nrules:\n  pii:\n    threshold: 0.70\n    action: block\nname: v\n",
    );
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
    expect(b.version).toBe(a.version);
    // Spelling out a default value does not change the effective policy.
    const c = await loadPolicyText(
      "name: v\nlimits: { maxChars: 100000 }\nrules:\n  pii: { action: block, threshold: 0.7 }\n",
    );
    expect(c.version).toBe(a.version);
  });

  it("changes when any effective value changes", async () => {
    const base = await loadPolicyText("name: v\nrules:\n  pii: { action: block, threshold: 0.7 }\n");
    const threshold = await loadPolicyText("name: v\nrules:\n  pii: { action: block, threshold: 0.71 }\n");
    const renamed = await loadPolicyText("name: w\nrules:\n  pii: { action: block, threshold: 0.7 }\n");
    const setting = await loadPolicyText(
      "name: v\nurls: { deny: [evil.example] }\nrules:\n  pii: { action: block, threshold: 0.7 }\n",
    );
    const versions = new Set([base, threshold, renamed, setting].map((l) => l.version));
    expect(versions.size).toBe(4);
  });

  it("differs between the built-ins and is the same on every load", async () => {
    const first = await Promise.all(BUILTIN_POLICY_NAMES.map((n) => loadBuiltinPolicy(n)));
    const again = await Promise.all(BUILTIN_POLICY_NAMES.map((n) => loadBuiltinPolicy(n)));
    expect(new Set(first.map((l) => l.version)).size).toBe(3);
    expect(again.map((l) => l.version)).toEqual(first.map((l) => l.version));
  });

  it("canonical JSON sorts keys at every level and keeps list order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(policyVersion({ a: 1, b: 2 })).toBe(policyVersion({ b: 2, a: 1 }));
    expect(policyVersion({ a: [1, 2] })).not.toBe(policyVersion({ a: [2, 1] }));
  });
});

describe("explainPolicy", () => {
  it("names the sources and version and tabulates category x stage", async () => {
    const loaded = await loadPolicyFile(fixture("custom.yaml"));
    const text = explainPolicy(loaded);
    const lines = text.split("\n");
    expect(lines[0]).toBe(`# Effective policy "custom", version ${loaded.version}`);
    expect(lines[1]).toBe("# Sources: test/fixtures/policies/custom.yaml <- builtin:default");
    expect(text).toMatch(/^# category +input +retrieval +toolCall +toolResult +output$/m);
    expect(text).toMatch(/^# violent-crimes +block@0\.5\* +allow +allow +allow +block@0\.5\*$/m);
    expect(text).toMatch(/^# secrets +redact@0\.5 +redact@0\.5 +block@0\.5 +redact@0\.5 +block@0\.6$/m);
    expect(text).toMatch(
      /^# competitor-talk \(custom\) +escalate@0\.6 +escalate@0\.6 +escalate@0\.6 +escalate@0\.6 +block@0\.8\*$/m,
    );
  });

  it("is YAML that loads back to the same policy and version", async () => {
    for (const name of BUILTIN_POLICY_NAMES) {
      const loaded = await loadBuiltinPolicy(name);
      const again = await loadPolicyText(explainPolicy(loaded));
      expect(again.policy).toEqual(loaded.policy);
      expect(again.version, name).toBe(loaded.version);
    }
  });
});
