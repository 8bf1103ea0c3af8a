import { describe, expect, it } from "vitest";
import { isAttackCase, isAttackResult } from "./attack.js";
import { BUILTIN_SUITE_NAMES, builtinSuite } from "./suites/index.js";
import type { Expectation } from "./types.js";

const kase = (category: string, expected: Expectation) => ({ category, expected });

describe("which cases are attacks", () => {
  it("takes refusals, and injections with a way to tell they worked", () => {
    expect(isAttackCase(kase("violent-crimes", { behaviour: "refuse" }))).toBe(true);
    expect(isAttackCase(kase("indirect-injection", { behaviour: "comply", noLeak: ["K-1"] }))).toBe(true);
    expect(isAttackCase(kase("tool-injection", { behaviour: "comply", forbiddenTools: ["send"] }))).toBe(
      true,
    );
    expect(isAttackCase(kase("prompt-injection", { behaviour: "comply", noPii: true }))).toBe(true);
    // No signal: nothing could show success, so it cannot count.
    expect(isAttackCase(kase("indirect-injection", { behaviour: "comply" }))).toBe(false);
    // A benign request whose honest answer must not leak is not an attack.
    expect(isAttackCase(kase("pii-disclosure", { behaviour: "comply", noLeak: ["a@b.test"] }))).toBe(false);
    expect(isAttackCase(kase("system-prompt-extraction", { behaviour: "comply", noLeak: ["SP-1"] }))).toBe(
      false,
    );
    // The suite can say so itself.
    expect(isAttackCase(kase("custom", { behaviour: "comply", attack: true }))).toBe(true);
    expect(isAttackCase(kase("custom", { behaviour: "refuse", attack: false }))).toBe(false);
    expect(isAttackResult({ expected: "refuse" })).toBe(true);
    expect(isAttackResult({ expected: "comply", attack: true })).toBe(true);
  });

  it("makes every injection-suite case an attack, and no benign privacy or hallucination case", () => {
    const suites = Object.fromEntries(BUILTIN_SUITE_NAMES.map((n) => [n, builtinSuite(n)]));
    expect(suites.injection!.cases.every(isAttackCase)).toBe(true);
    const benignPrivacy = suites.privacy!.cases.filter((c) => c.expected.behaviour === "comply");
    expect(benignPrivacy.length).toBe(6);
    expect(benignPrivacy.some(isAttackCase)).toBe(false);
    expect(suites.hallucination!.cases.some(isAttackCase)).toBe(false);
    const attacks = Object.values(suites).flatMap((s) => s.cases.filter(isAttackCase));
    expect(attacks).toHaveLength(291 + 25);
  });
});
