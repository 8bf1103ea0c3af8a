import { describe, expect, it } from "vitest";
import { fixture, policyError } from "../../test/fixtures/policies/helpers.js";
import { loadBuiltinPolicy, loadPolicyFile, loadPolicyText } from "./load.js";
import { mergeTracked, track, layerOf } from "./merge.js";

describe("extends: merging", () => {
  it("child scalars override, child lists replace, the rest is inherited", async () => {
    const { policy, sources } = await loadPolicyFile(fixture("child-lists.yaml"));
    expect(sources).toEqual([fixture("child-lists.yaml"), fixture("base-lists.yaml"), "builtin:default"]);
    expect(policy.rules.pii).toMatchObject({
      action: "block",
      threshold: 0.9,
      allowTransformations: ["translate", "classify"],
    });
    // Default's stage exceptions for pii survive two levels of merging.
    expect(policy.rules.pii?.stages?.retrieval?.action).toBe("allow");
    expect(policy.detectors.disabled).toEqual(["urls"]);
    expect(policy.detectors.timeoutMs).toBe(50);
    expect(policy.terms.banned).toEqual(["gamma"]);
    // Untouched categories come from default.
    expect(policy.rules["violent-crimes"]?.action).toBe("block");
  });

  it("name and description are the child's own, never the base's", async () => {
    const { policy } = await loadPolicyFile(fixture("child-lists.yaml"));
    expect(policy.name).toBe("child-lists");
    expect(policy.description).toBe("");
    const unnamed = await loadPolicyText("extends: strict\n");
    expect(unnamed.policy.name).toBe("unnamed");
  });

  it("follows a chain through relative paths in sub-folders to a built-in", async () => {
    const { policy, sources } = await loadPolicyFile(fixture("chain/app.yaml"));
    expect(sources).toEqual([
      fixture("chain/app.yaml"),
      fixture("chain/team/team.yaml"),
      "builtin:strict",
      "builtin:default",
    ]);
    expect(policy.name).toBe("app");
    expect(policy.safeReply).toBe("Our team policy does not allow that.");
    expect(policy.limits.maxChars).toBe(20_000);
    expect(policy.rules.toxicity?.threshold).toBe(0.9);
    expect(policy.rules.toxicity?.stages?.input?.action).toBe("escalate"); // from strict
    expect(policy.rules.toxicity?.stages?.output?.action).toBe("block"); // from default
  });

  it("a cycle is an error at the extends line that closes it", async () => {
    const err = await policyError(loadPolicyFile(fixture("cycle-a.yaml")));
    expect(err.problems).toHaveLength(1);
    const p = err.problems[0]!;
    expect(p).toMatchObject({ file: fixture("cycle-b.yaml"), line: 2, column: 1, path: "extends" });
    expect(p.message).toMatch(/^extends cycle: .*cycle-a\.yaml -> .*cycle-b\.yaml -> .*cycle-a\.yaml$/);
  });

  it("a policy that extends itself is a cycle", async () => {
    const dir = fixture("");
    const err = await policyError(loadPolicyText("extends: cycle-a.yaml\n", { baseDir: dir }));
    // cycle-a -> cycle-b -> cycle-a, reached from an inline policy.
    expect(err.format()).toContain("extends cycle");
  });

  it("a missing base is an error at the extends line, naming the resolved path", async () => {
    const err = await policyError(loadPolicyFile(fixture("missing-base.yaml")));
    expect(err.problems).toEqual([
      {
        path: "extends",
        file: fixture("missing-base.yaml"),
        line: 3,
        column: 1,
        message: expect.stringMatching(
          /^cannot read base policy "\.\/no-such-policy\.yaml" \(.*no-such-policy\.yaml\): no such file$/,
        ),
      },
    ]);
  });

  it("a misspelt built-in name suggests the built-in", async () => {
    const err = await policyError(loadPolicyText("extends: defualt\n", { source: "x.yaml" }));
    expect(err.format()).toMatch(
      /^x\.yaml:1:1 extends: cannot read base policy "defualt" .*no such file \(did you mean "default"\?\)$/,
    );
  });

  it("extends must be a string", async () => {
    const err = await policyError(loadPolicyText("name: x\nextends: [default]\n", { source: "x.yaml" }));
    expect(err.format()).toBe(
      "x.yaml:2:1 extends: must name a built-in policy (default, strict, permissive) or a YAML file path",
    );
  });

  it("a problem in a base is reported in the base's file and line", async () => {
    const err = await policyError(loadPolicyFile(fixture("child-of-bad-base.yaml")));
    expect(err.problems).toEqual([
      {
        path: "rules.pii.threshold",
        file: fixture("bad-base.yaml"),
        line: 4,
        column: 5,
        message: "Number must be less than or equal to 1 (got 7)",
      },
    ]);
  });

  it("a child fixing a base's bad value makes the merged policy valid", async () => {
    const text = "extends: bad-base.yaml\nrules:\n  pii:\n    threshold: 0.7\n";
    const { policy } = await loadPolicyText(text, { baseDir: fixture("") });
    expect(policy.rules.pii?.threshold).toBe(0.7);
  });

  it("a custom category declared in a base may be ruled in the child", async () => {
    const text = "extends: custom.yaml\nrules:\n  competitor-talk:\n    action: block\n";
    const { policy } = await loadPolicyText(text, { baseDir: fixture("") });
    expect(policy.categories.map((c) => c.id)).toEqual(["competitor-talk"]);
    expect(policy.rules["competitor-talk"]?.action).toBe("block");
    expect(policy.rules["competitor-talk"]?.threshold).toBe(0.6);
  });

  it("the built-in default is unchanged by loading policies that extend it", async () => {
    const before = (await loadBuiltinPolicy("default")).version;
    await loadPolicyFile(fixture("child-lists.yaml"));
    expect((await loadBuiltinPolicy("default")).version).toBe(before);
  });
});

describe("merge with origins", () => {
  it("records which layer set each path; a replaced list forgets the base's items", () => {
    const base = track({ a: { b: 1, c: [1, 2, 3] }, d: "x" }, 0);
    const child = track({ a: { c: [9] }, e: true }, 1);
    const merged = mergeTracked(base, child);
    expect(merged.value).toEqual({ a: { b: 1, c: [9] }, d: "x", e: true });
    expect(layerOf(merged.origin, ["a", "b"])).toBe(0);
    expect(layerOf(merged.origin, ["a", "c"])).toBe(1);
    expect(layerOf(merged.origin, ["a", "c", 2])).toBe(1);
    expect(layerOf(merged.origin, ["d"])).toBe(0);
    expect(layerOf(merged.origin, ["e"])).toBe(1);
    expect(layerOf(merged.origin, ["missing", "deeper"])).toBe(1);
  });

  it("a child scalar replaces a base mapping and the other way round", () => {
    expect(mergeTracked(track({ a: { b: 1 } }, 0), track({ a: 5 }, 1)).value).toEqual({ a: 5 });
    expect(mergeTracked(track({ a: 5 }, 0), track({ a: { b: 1 } }, 1)).value).toEqual({ a: { b: 1 } });
  });

  it("does not modify its inputs", () => {
    const baseValue = { a: { b: 1 } };
    mergeTracked(track(baseValue, 0), track({ a: { c: 2 } }, 1));
    expect(baseValue).toEqual({ a: { b: 1 } });
  });
});
