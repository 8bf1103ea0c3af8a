import { describe, expect, it } from "vitest";
import { fixture } from "../../test/fixtures/policies/helpers.js";
import { loadPolicyFile, resolvePolicy } from "./load.js";
import { categoriesOf, resolveRule, ruleTable } from "./rules.js";
import { PolicySchema } from "./schema.js";
import { STAGES } from "./stages.js";
import { BUILTIN_CATEGORIES } from "./taxonomy.js";

describe("resolveRule precedence: stage > category > defaults", () => {
  const policy = PolicySchema.parse({
    defaults: { action: "escalate", threshold: 0.3 },
    safeReply: "Policy-wide reply.",
    rules: {
      hate: {
        action: "block",
        threshold: 0.6,
        safeReply: "Category reply.",
        allowTransformations: ["classify"],
        stages: {
          output: { threshold: 0.9 },
          retrieval: { action: "allow", safeReply: "Stage reply.", allowTransformations: [] },
        },
      },
      toxicity: { stages: { input: { action: "redact" } } },
    },
  });

  it("a stage field overrides the category's; unset stage fields inherit it", () => {
    expect(resolveRule(policy, "hate", "output")).toEqual({
      category: "hate",
      action: "block",
      threshold: 0.9,
      safeReply: "Category reply.",
      allowTransformations: ["classify"],
    });
    expect(resolveRule(policy, "hate", "retrieval")).toEqual({
      category: "hate",
      action: "allow",
      threshold: 0.6,
      safeReply: "Stage reply.",
      allowTransformations: [],
    });
  });

  it("the category rule applies at stages it does not list", () => {
    expect(resolveRule(policy, "hate", "input")).toMatchObject({ action: "block", threshold: 0.6 });
  });

  it("fields the category does not set come from defaults and the policy's safe reply", () => {
    expect(resolveRule(policy, "toxicity", "input")).toEqual({
      category: "toxicity",
      action: "redact",
      threshold: 0.3,
      safeReply: "Policy-wide reply.",
      allowTransformations: [],
    });
    expect(resolveRule(policy, "toxicity", "output").action).toBe("escalate");
  });

  it("a category with no rule gets the defaults", () => {
    expect(resolveRule(policy, "pii", "toolCall")).toEqual({
      category: "pii",
      action: "escalate",
      threshold: 0.3,
      safeReply: "Policy-wide reply.",
      allowTransformations: [],
    });
  });

  it("inherited names on Object.prototype are not rules", () => {
    expect(resolveRule(policy, "constructor", "input").action).toBe("escalate");
    expect(resolveRule(policy, "__proto__", "input").action).toBe("escalate");
  });

  it("the returned transformations are a copy", () => {
    resolveRule(policy, "hate", "input").allowTransformations.push("translate");
    expect(resolveRule(policy, "hate", "input").allowTransformations).toEqual(["classify"]);
  });

  it("works on a loaded file: custom category with a stage override", async () => {
    const { policy: p } = await loadPolicyFile(fixture("custom.yaml"));
    expect(resolveRule(p, "competitor-talk", "input")).toMatchObject({
      action: "escalate",
      threshold: 0.6,
      safeReply: "I can only talk about our own products.",
      allowTransformations: [],
    });
    expect(resolveRule(p, "competitor-talk", "output")).toMatchObject({
      action: "block",
      threshold: 0.8,
      allowTransformations: ["summarise"],
    });
  });
});

describe("categoriesOf and ruleTable", () => {
  it("lists built-in then custom categories with titles", async () => {
    const { policy } = await loadPolicyFile(fixture("custom.yaml"));
    const cats = categoriesOf(policy);
    expect(cats).toHaveLength(BUILTIN_CATEGORIES.length + 1);
    expect(cats[0]).toMatchObject({
      id: "violent-crimes",
      title: "Violent crimes",
      mlcommons: "S1",
      builtin: true,
    });
    expect(cats.at(-1)).toEqual({
      id: "competitor-talk",
      title: "Competitor talk",
      description: "Statements about competitors' products.",
      builtin: false,
    });
  });

  it("resolves every category at every stage", async () => {
    const { policy } = await resolvePolicy("default");
    const table = ruleTable(policy);
    expect(table.size).toBe(BUILTIN_CATEGORIES.length);
    for (const row of table.values()) expect(Object.keys(row)).toEqual([...STAGES]);
    expect(table.get("secrets")?.output).toMatchObject({ action: "block", threshold: 0.6 });
  });
});
