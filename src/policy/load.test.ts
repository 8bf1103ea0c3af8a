import { builtinDetectors } from "../detectors/builtin.js";
import { describe, expect, it } from "vitest";
import { fixture, policyError } from "../../test/fixtures/policies/helpers.js";
import { BUILTIN_POLICY_NAMES } from "./builtin-policies.js";
import { loadBuiltinPolicy, loadPolicyFile, loadPolicyText, resolvePolicy } from "./load.js";
import { resolveRule } from "./rules.js";
import { BUILTIN_CATEGORIES, BUILTIN_CATEGORY_IDS } from "./taxonomy.js";
import { STAGES } from "./stages.js";

const MLCOMMONS = BUILTIN_CATEGORIES.filter(
  (c) => c.mlcommons !== undefined && c.id !== "code-interpreter-abuse",
);

describe("built-in policies", () => {
  it.each(BUILTIN_POLICY_NAMES)("%s loads, validates and names itself", async (name) => {
    const loaded = await loadBuiltinPolicy(name, { knownDetectors: builtinDetectors().map((d) => d.name) });
    expect(loaded.policy.name).toBe(name);
    expect(loaded.sources[0]).toBe(`builtin:${name}`);
    expect(loaded.version).toMatch(/^[0-9a-f]{12}$/);
    expect(loaded.policy.extends).toBeUndefined();
    expect(loaded.policy.limits.maxChars).toBeGreaterThan(0);
  });

  it("strict and permissive extend default", async () => {
    expect((await loadBuiltinPolicy("strict")).sources).toEqual(["builtin:strict", "builtin:default"]);
    expect((await loadBuiltinPolicy("permissive")).sources).toEqual([
      "builtin:permissive",
      "builtin:default",
    ]);
  });

  it("default has an explicit rule for every built-in category", async () => {
    const { policy } = await loadBuiltinPolicy("default");
    expect(Object.keys(policy.rules).sort()).toEqual([...BUILTIN_CATEGORY_IDS].sort());
    expect(policy.limits.maxChars).toBe(100_000);
    expect(policy.detectors.onError).toBe("closed");
  });

  it("default blocks hazards at input and output only, with transformations, and the attack rules where they arrive", async () => {
    const { policy } = await loadBuiltinPolicy("default");
    for (const c of MLCOMMONS) {
      expect(resolveRule(policy, c.id, "input").action, c.id).toBe("block");
      expect(resolveRule(policy, c.id, "output").action, c.id).toBe("block");
      expect(resolveRule(policy, c.id, "retrieval").action, c.id).toBe("allow");
      expect(resolveRule(policy, c.id, "toolResult").action, c.id).toBe("allow");
    }
    expect(resolveRule(policy, "violent-crimes", "input").allowTransformations).toEqual([
      "translate",
      "summarise",
      "classify",
    ]);
    expect(resolveRule(policy, "child-sexual-exploitation", "input").allowTransformations).toEqual([]);
    for (const stage of ["input", "retrieval", "toolResult"] as const) {
      expect(resolveRule(policy, "prompt-injection", stage).action).toBe("block");
      expect(resolveRule(policy, "jailbreak", stage).action).toBe("block");
    }
    expect(resolveRule(policy, "prompt-injection", "output").action).toBe("allow");
    expect(resolveRule(policy, "pii", "input").action).toBe("redact");
    expect(resolveRule(policy, "pii", "output").action).toBe("redact");
    expect(resolveRule(policy, "secrets", "input").action).toBe("redact");
    expect(resolveRule(policy, "secrets", "output").action).toBe("block");
    expect(resolveRule(policy, "data-exfiltration", "output").action).toBe("block");
    expect(resolveRule(policy, "data-exfiltration", "toolCall").action).toBe("block");
    expect(resolveRule(policy, "code-interpreter-abuse", "toolCall").action).toBe("block");
    expect(resolveRule(policy, "code-interpreter-abuse", "input").action).toBe("allow");
    expect(resolveRule(policy, "obfuscation", "input")).toMatchObject({ action: "block", threshold: 0.8 });
    expect(resolveRule(policy, "url-policy", "output").action).toBe("block");
    expect(resolveRule(policy, "banned-content", "input").action).toBe("block");
    // YAML anchors in the file expand: a later category shares the stage exceptions.
    expect(resolveRule(policy, "elections", "input").threshold).toBe(0.8);
    expect(resolveRule(policy, "elections", "output").threshold).toBe(0.5);
  });

  it("strict is stricter than default at every category and stage", async () => {
    const def = (await loadBuiltinPolicy("default")).policy;
    const strict = (await loadBuiltinPolicy("strict")).policy;
    for (const id of BUILTIN_CATEGORY_IDS) {
      for (const stage of STAGES) {
        const d = resolveRule(def, id, stage);
        const s = resolveRule(strict, id, stage);
        if (d.action !== "allow" && s.action !== "allow")
          expect(s.threshold, `${id}@${stage}`).toBeLessThanOrEqual(d.threshold);
        // Strict may escalate what default blocks at input (answer-side questions), never allow it.
        if (d.action !== "allow") expect(s.action, `${id}@${stage}`).not.toBe("allow");
      }
    }
    expect(resolveRule(strict, "obfuscation", "input").threshold).toBeLessThan(0.8);
    expect(resolveRule(strict, "code-interpreter-abuse", "input").action).toBe("escalate");
    expect(resolveRule(strict, "pii", "retrieval").action).toBe("redact");
    expect(resolveRule(strict, "my-custom", "input").action).toBe("escalate");
  });

  it("permissive blocks only the most severe content, redacts secrets, allows the rest", async () => {
    const { policy } = await loadBuiltinPolicy("permissive");
    expect(resolveRule(policy, "child-sexual-exploitation", "output").action).toBe("block");
    expect(resolveRule(policy, "indiscriminate-weapons", "input").action).toBe("block");
    for (const id of [
      "violent-crimes",
      "hate",
      "elections",
      "prompt-injection",
      "jailbreak",
      "pii",
      "toxicity",
    ]) {
      for (const stage of STAGES)
        expect(resolveRule(policy, id, stage).action, `${id}@${stage}`).toBe("allow");
    }
    for (const stage of STAGES) expect(resolveRule(policy, "secrets", stage).action).toBe("redact");
  });

  it("rejects an unknown built-in name with a suggestion", async () => {
    const err = await policyError(loadBuiltinPolicy("strikt"));
    expect(err.format()).toContain('unknown built-in policy "strikt" (did you mean "strict"?)');
  });

  it("returns independent copies: changing one loaded policy does not change the next", async () => {
    const a = await loadBuiltinPolicy("default");
    const entities = [...a.policy.pii.entities];
    a.policy.pii.entities.push("person");
    a.policy.rules.pii!.threshold = 0.01;
    const b = await loadBuiltinPolicy("default");
    expect(b.policy.pii.entities).toEqual(entities);
    expect(b.policy.rules.pii!.threshold).toBe(0.5);
    expect(b.version).toBe(a.version);
  });
});

describe("resolvePolicy", () => {
  it("undefined is the built-in default", async () => {
    const loaded = await resolvePolicy(undefined);
    expect(loaded.policy.name).toBe("default");
    expect(loaded.version).toBe((await loadBuiltinPolicy("default")).version);
  });

  it("a built-in name, a file path, an object", async () => {
    expect((await resolvePolicy("permissive")).policy.name).toBe("permissive");
    expect((await resolvePolicy(fixture("custom.yaml"))).policy.name).toBe("custom");
    const obj = await resolvePolicy({ name: "inline", rules: { pii: { action: "block" } } });
    expect(obj.policy.rules.pii?.action).toBe("block");
    expect(obj.sources).toEqual(["<object>"]);
  });

  it("a relative path resolves against baseDir", async () => {
    const loaded = await resolvePolicy("custom.yaml", { baseDir: fixture("") });
    expect(loaded.policy.name).toBe("custom");
  });

  it("an object may extend a built-in; the input object is not modified", async () => {
    const input = { name: "mine", extends: "strict", rules: { toxicity: { threshold: 0.9 } } };
    const snapshot = structuredClone(input);
    const loaded = await resolvePolicy(input);
    expect(loaded.sources).toEqual(["<object>", "builtin:strict", "builtin:default"]);
    expect(loaded.policy.rules.toxicity?.threshold).toBe(0.9);
    expect(loaded.policy.rules.toxicity?.stages?.input?.action).toBe("escalate");
    expect(input).toEqual(snapshot);
  });

  it("object errors carry paths without lines", async () => {
    const err = await policyError(resolvePolicy({ rules: { pii: { threshold: 2 } } }));
    expect(err.problems).toEqual([
      {
        path: "rules.pii.threshold",
        file: "<object>",
        message: "Number must be less than or equal to 1 (got 2)",
      },
    ]);
  });

  it("a missing file is a PolicyError naming it", async () => {
    const err = await policyError(loadPolicyFile(fixture("nope.yaml")));
    expect(err.format()).toMatch(/nope\.yaml cannot read policy file: no such file/);
  });
});

describe("loadPolicyText", () => {
  it("labels problems with the source and resolves extends against baseDir", async () => {
    const loaded = await loadPolicyText("name: t\nextends: custom.yaml\n", {
      source: "t.yaml",
      baseDir: fixture(""),
    });
    expect(loaded.sources).toEqual(["t.yaml", fixture("custom.yaml"), "builtin:default"]);
    expect(loaded.policy.rules["competitor-talk"]?.action).toBe("escalate");
    const err = await policyError(loadPolicyText("name: t\nlimits: 3\n", { source: "t.yaml" }));
    expect(err.format()).toBe("t.yaml:2:1 limits: expected a mapping, got number 3");
  });

  it("an empty document or a non-mapping is an error, not an allow-everything policy", async () => {
    expect((await policyError(loadPolicyText("# nothing\n"))).format()).toContain("the policy is empty");
    expect((await policyError(loadPolicyText("- a\n- b\n"))).format()).toContain("must be a mapping");
  });

  it("detector names are checked only when known names are given", async () => {
    const text = "name: d\ndetectors:\n  enabled: [pii]\n  disabled: [secretz]\n";
    await expect(loadPolicyText(text)).resolves.toBeDefined();
    const err = await policyError(
      loadPolicyText(text, { source: "d.yaml", knownDetectors: ["pii", "secrets", "urls"] }),
    );
    expect(err.format()).toBe(
      'd.yaml:4:14 detectors.disabled[0]: unknown detector "secretz" (did you mean "secrets"?); known: pii, secrets, urls',
    );
  });

  it("YAML aliases are bounded (no billion laughs)", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
    ].join("\n");
    const err = await policyError(loadPolicyText(bomb));
    expect(err.format()).toMatch(/YAML: .*alias/i);
  });

  it("a __proto__ key is reported as unknown, not applied to the prototype", async () => {
    const err = await policyError(
      loadPolicyText("name: p\n__proto__:\n  polluted: true\n", { source: "p.yaml" }),
    );
    expect(err.format()).toContain('p.yaml:2:1 __proto__: unknown key "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("scale", () => {
  const bigPolicy = (n: number, bad: boolean) => {
    const terms = Array.from({ length: n }, (_, i) => `    - term-${i}`).join("\n");
    const topics = Array.from({ length: n }, (_, i) => `    t${i}: [${bad ? 1 : `w${i}`}]`).join("\n");
    return `name: big\nextends: default\nterms:\n  banned:\n${terms}\n  topics:\n${topics}\n`;
  };

  const time = async (text: string) => {
    const t0 = performance.now();
    await loadPolicyText(text).catch(() => undefined);
    return performance.now() - t0;
  };

  it("loading grows about linearly with the size of the file, valid or full of errors", async () => {
    for (const bad of [false, true]) {
      await time(bigPolicy(500, bad)); // warm up
      const small = Math.min(await time(bigPolicy(500, bad)), await time(bigPolicy(500, bad)));
      const large = Math.min(await time(bigPolicy(4000, bad)), await time(bigPolicy(4000, bad)));
      expect(large / small, `bad=${bad}: ${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(
        8 * 3,
      );
    }
  });

  it("caps the number of problems reported", async () => {
    const err = await policyError(loadPolicyText(bigPolicy(300, true)));
    expect(err.problems).toHaveLength(101);
    expect(err.problems.at(-1)!.message).toBe("... and 200 more problems");
  });
});
