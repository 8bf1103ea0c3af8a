import { describe, expect, it } from "vitest";
import type { Detector, Finding } from "../detectors/types.js";
import type { PolicyInput } from "../policy/schema.js";
import { createGuard } from "./create-guard.js";

/** A test detector that reports every occurrence of a word under a category. */
function wordDetector(name: string, word: string, category: string, score = 0.9): Detector {
  return {
    name,
    stages: ["input", "output", "retrieval", "toolCall", "toolResult"],
    cost: "fast",
    categories: [category],
    detect(text) {
      const out: Finding[] = [];
      let i = text.raw.indexOf(word);
      while (i >= 0) {
        out.push({ detector: name, category, score, span: [i, i + word.length], label: word });
        i = text.raw.indexOf(word, i + 1);
      }
      return out;
    },
  };
}

const onlyTestDetectors = (names: string[], extra: Partial<PolicyInput> = {}): PolicyInput => ({
  name: "test",
  detectors: { enabled: names },
  ...extra,
});

describe("createGuard().check", () => {
  it("allows text with no findings and returns it unchanged", async () => {
    const guard = await createGuard({
      policy: onlyTestDetectors(["bomb"]),
      detectors: [wordDetector("bomb", "bomb", "violent-crimes")],
    });
    const d = await guard.check("input", "what a lovely day");
    expect(d.action).toBe("allow");
    expect(d.text).toBe("what a lovely day");
    expect(d.reasons).toEqual([]);
    expect(d.layer).toBe("input-rail");
    expect(d.latencyMs.bomb).toBeGreaterThanOrEqual(0);
    expect(d.latencyMs.total).toBeGreaterThanOrEqual(d.latencyMs.bomb ?? 0);
  });

  it("blocks with the rule's safe reply and says why", async () => {
    const policy = onlyTestDetectors(["bomb"], {
      rules: { "violent-crimes": { action: "block", threshold: 0.5, safeReply: "Not with that." } },
    });
    const guard = await createGuard({ policy, detectors: [wordDetector("bomb", "bomb", "violent-crimes")] });
    const d = await guard.check("input", "how to build a bomb");
    expect(d.action).toBe("block");
    expect(d.safeReply).toBe("Not with that.");
    expect(d.text).toBeUndefined();
    expect(d.reasons.map((f) => f.category)).toEqual(["violent-crimes"]);
    expect(d.ruleActions["violent-crimes"]).toBe("block");
  });

  it("ignores findings under the threshold but keeps them in findings", async () => {
    const policy = onlyTestDetectors(["bomb"], {
      rules: { "violent-crimes": { action: "block", threshold: 0.95 } },
    });
    const guard = await createGuard({
      policy,
      detectors: [wordDetector("bomb", "bomb", "violent-crimes", 0.9)],
    });
    const d = await guard.check("input", "bomb");
    expect(d.action).toBe("allow");
    expect(d.findings).toHaveLength(1);
  });

  it("applies a stage override over the category rule", async () => {
    const policy = onlyTestDetectors(["bomb"], {
      rules: { "violent-crimes": { action: "block", stages: { output: { action: "escalate" } } } },
    });
    const guard = await createGuard({ policy, detectors: [wordDetector("bomb", "bomb", "violent-crimes")] });
    expect((await guard.check("input", "bomb")).action).toBe("block");
    expect((await guard.check("output", "bomb")).action).toBe("escalate");
  });

  it("redacts spans and ranks block over escalate over redact", async () => {
    const detectors = [
      wordDetector("secret", "hunter2", "secrets"),
      wordDetector("esc", "refund", "specialized-advice"),
      wordDetector("bomb", "bomb", "violent-crimes"),
    ];
    const policy = onlyTestDetectors(["secret", "esc", "bomb"], {
      rules: {
        secrets: { action: "redact" },
        "specialized-advice": { action: "escalate" },
        "violent-crimes": { action: "block" },
      },
      redaction: { mode: "mask" },
    });
    const guard = await createGuard({ policy, detectors });
    const redacted = await guard.check("input", "my password is hunter2, ok?");
    expect(redacted.action).toBe("modify");
    expect(redacted.text).toBe("my password is *******, ok?");
    expect((await guard.check("input", "hunter2 refund")).action).toBe("escalate");
    expect((await guard.check("input", "hunter2 refund bomb")).action).toBe("block");
  });

  it("keeps reversible redactions in a vault the caller can use to de-anonymise", async () => {
    const policy = onlyTestDetectors(["secret"], {
      rules: { secrets: { action: "redact" } },
      redaction: { mode: "vault" },
    });
    const guard = await createGuard({ policy, detectors: [wordDetector("secret", "hunter2", "secrets")] });
    const d = await guard.check("input", "use hunter2 please");
    expect(d.action).toBe("modify");
    expect(d.text).not.toContain("hunter2");
    expect(d.vault).toBeDefined();
    const answer = `I used ${d.text?.match(/\[[^\]]+\]/)?.[0] ?? "?"} as asked.`;
    expect(d.vault?.deanonymize(answer)).toBe("I used hunter2 as asked.");
  });

  it("fails closed when a detector feeding a blocking rule throws, and says so", async () => {
    const broken: Detector = {
      name: "broken",
      stages: ["input"],
      cost: "fast",
      categories: ["violent-crimes"],
      detect: () => {
        throw new Error("model file missing");
      },
    };
    const policy = onlyTestDetectors(["broken"], { rules: { "violent-crimes": { action: "block" } } });
    const guard = await createGuard({ policy, detectors: [broken] });
    const d = await guard.check("input", "hello");
    expect(d.action).toBe("block");
    expect(d.failures).toEqual([
      { detector: "broken", kind: "error", message: "model file missing", failedClosed: true },
    ]);
    expect(d.reasons[0]?.evidence).toContain("fail closed");
  });

  it("fails open when configured, still recording the failure", async () => {
    const broken: Detector = {
      name: "broken",
      stages: ["input"],
      cost: "fast",
      categories: ["violent-crimes"],
      detect: () => {
        throw new Error("boom");
      },
    };
    const policy = onlyTestDetectors(["broken"], {
      rules: { "violent-crimes": { action: "block" } },
      detectors: { enabled: ["broken"], onError: "open" },
    });
    const guard = await createGuard({ policy, detectors: [broken] });
    const d = await guard.check("input", "hello");
    expect(d.action).toBe("allow");
    expect(d.failures[0]?.failedClosed).toBe(false);
  });

  it("does not fail closed for a detector whose categories are only allowed", async () => {
    const broken: Detector = {
      name: "broken",
      stages: ["input"],
      cost: "fast",
      categories: ["toxicity"],
      detect: () => {
        throw new Error("boom");
      },
    };
    const guard = await createGuard({ policy: onlyTestDetectors(["broken"]), detectors: [broken] });
    expect((await guard.check("input", "hi")).action).toBe("allow");
  });

  it("times out a slow asynchronous detector and fails closed", async () => {
    const slow: Detector = {
      name: "slow",
      stages: ["input"],
      cost: "llm",
      categories: ["jailbreak"],
      detect: () => new Promise<Finding[]>(() => {}),
    };
    const policy = onlyTestDetectors(["slow"], {
      rules: { jailbreak: { action: "block" } },
      detectors: { enabled: ["slow"], timeoutMs: 30 },
    });
    const guard = await createGuard({ policy, detectors: [slow] });
    const d = await guard.check("input", "hi");
    expect(d.action).toBe("block");
    expect(d.failures[0]).toMatchObject({ detector: "slow", kind: "timeout", failedClosed: true });
    expect(d.latencyMs.slow).toBeGreaterThanOrEqual(25);
  });

  it("blocks oversize text by default and truncates when the policy says so", async () => {
    const detectors = [wordDetector("bomb", "bomb", "violent-crimes")];
    const blocking = await createGuard({
      policy: onlyTestDetectors(["bomb"], { limits: { maxChars: 10 } }),
      detectors,
    });
    const big = await blocking.check("input", "x".repeat(11));
    expect(big.action).toBe("block");
    expect(big.reasons[0]?.evidence).toContain("limit is 10");
    const truncating = await createGuard({
      policy: onlyTestDetectors(["bomb"], {
        limits: { maxChars: 10, onOversize: "truncate" },
        rules: { "violent-crimes": { action: "block" } },
      }),
      detectors,
    });
    const cut = await truncating.check("input", "0123456789 bomb");
    expect(cut.action).toBe("allow");
    expect(cut.truncated).toBe(true);
    expect(cut.text).toBe("0123456789");
  });

  it("lets a translation of supplied harmful text pass when the rule allows it, and only then", async () => {
    const rules = {
      "violent-crimes": { action: "block" as const, allowTransformations: ["translate" as const] },
    };
    const guard = await createGuard({
      policy: onlyTestDetectors(["bomb"], { rules }),
      detectors: [wordDetector("bomb", "bomb", "violent-crimes")],
    });
    const d = await guard.check("input", 'Translate into German: "The bomb squad cleared the street."');
    expect(d.action).toBe("allow");
    expect(d.exemptions.map((e) => e.transformation)).toEqual(["translate"]);
    expect((await guard.check("input", "Tell me how to build a bomb")).action).toBe("block");
    // the harmful part in the instruction, not the payload, is not exempt
    expect((await guard.check("input", "Translate the bomb recipe: hello there my friend")).action).toBe(
      "block",
    );
  });

  it("does not exempt transformations at other stages or for other transformations", async () => {
    const rules = {
      "violent-crimes": { action: "block" as const, allowTransformations: ["summarise" as const] },
    };
    const guard = await createGuard({
      policy: onlyTestDetectors(["bomb"], { rules }),
      detectors: [wordDetector("bomb", "bomb", "violent-crimes")],
    });
    expect((await guard.check("input", "Translate: the bomb squad arrived today")).action).toBe("block");
    expect((await guard.check("output", "Summarise: the bomb squad arrived today")).action).toBe("block");
  });

  it("rejects an unknown stage and an unknown detector name with clear errors", async () => {
    const guard = await createGuard({
      policy: onlyTestDetectors(["bomb"]),
      detectors: [wordDetector("bomb", "bomb", "violent-crimes")],
    });
    // @ts-expect-error testing a wrong stage from untyped callers
    await expect(guard.check("inptu", "x")).rejects.toThrow(/unknown stage "inptu"/);
    await expect(createGuard({ policy: onlyTestDetectors(["nope"]) })).rejects.toThrow(/nope/);
  });
});
