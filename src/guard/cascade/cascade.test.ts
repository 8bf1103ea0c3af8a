import { describe, expect, it } from "vitest";
import { llamaGuardJudge } from "../../detectors/llm-judge/index.js";
import type { Detector, Finding } from "../../detectors/types.js";
import { functionProvider } from "../../providers/custom.js";
import type { ChatRequest } from "../../providers/types.js";
import { createGuard } from "../create-guard.js";
import { guardStream } from "../streaming/guard-stream.js";
import { bandProbes, isBandProbe, scoreProbe, withCascade } from "./index.js";

/** Test fixture: a fast scorer whose score is written in the text ("violence=0.60"). */
function scoreIn(text: string, key: string): number {
  const i = text.indexOf(`${key}=`);
  return i < 0 ? 0 : Number(text.slice(i + key.length + 1, i + key.length + 5));
}

/** Like a trained classifier: reports only at or over its operating threshold, 0.8. */
const toyClassifier: Detector = {
  name: "toy-classifier",
  stages: ["input", "output", "toolCall"],
  cost: "model",
  categories: ["violent-crimes"],
  detect(t) {
    const s = scoreIn(t.raw, "violence");
    return s >= 0.8 ? [{ detector: "toy-classifier", category: "violent-crimes", score: s }] : [];
  },
};

const toyProbe = () =>
  scoreProbe({
    name: "toy-classifier-band",
    source: "toy-classifier",
    stages: ["input", "output", "toolCall"],
    threshold: () => 0.8,
    score(t, _ctx, min): Finding[] {
      const s = scoreIn(t.raw, "violence");
      return s >= min ? [{ detector: "toy-classifier", category: "violent-crimes", score: s }] : [];
    },
  });

/** Reports every score, however low, like the pattern detectors' weak findings. */
const hateScorer: Detector = {
  name: "hate-scorer",
  stages: ["input", "output"],
  cost: "fast",
  categories: ["hate"],
  detect(t) {
    const s = scoreIn(t.raw, "hate");
    return s > 0 ? [{ detector: "hate-scorer", category: "hate", score: s }] : [];
  },
};

/** Test fixture: a guard model whose verdict is a fixed function of the text ("attack" → S1). */
function fixtureJudge(options: { delayMs?: number; reply?: string } = {}) {
  const calls: ChatRequest[] = [];
  const aborted: boolean[] = [];
  const provider = functionProvider("fixture-guard-model", async (req) => {
    calls.push(req);
    if (options.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, options.delayMs);
        req.signal?.addEventListener("abort", () => {
          clearTimeout(t);
          aborted.push(true);
          resolve();
        });
      });
    }
    if (options.reply !== undefined) return options.reply;
    return req.messages.at(-1)!.content.includes("attack") ? "unsafe\nS1" : "safe";
  });
  return { judge: llamaGuardJudge({ provider }), calls, aborted };
}

async function toyGuard(withProbe = true) {
  return createGuard({
    policy: "default",
    detectors: withProbe ? [toyClassifier, hateScorer, toyProbe()] : [toyClassifier, hateScorer],
  });
}

describe("withCascade", () => {
  it("asks the judge for a classifier score in the band, and blocks on its verdict", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge });
    const d = await guard.checkInput("plan the attack violence=0.60");
    expect(calls).toHaveLength(1);
    expect(d.action).toBe("block");
    expect(d.layer).toBe("input-cascade");
    expect(d.safeReply).toBe(guard.policy.safeReply);
    expect(d.text).toBeUndefined();
    expect(d.reasons).toMatchObject([{ detector: "llm-judge", category: "violent-crimes", label: "S1" }]);
    expect(d.cascade).toMatchObject({
      fired: true,
      outcome: "unsafe",
      judge: "llm-judge",
      reply: "unsafe\nS1",
      hits: [
        { detector: "toy-classifier", category: "violent-crimes", score: 0.6, threshold: 0.8, via: "probe" },
      ],
    });
    expect(d.latencyMs["llm-judge"]).toBeGreaterThan(0);
    expect(d.latencyMs.total).toBeGreaterThanOrEqual(d.latencyMs["llm-judge"]!);
  });

  it("keeps the fast verdict when the judge finds it safe", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge });
    const d = await guard.checkInput("a borderline but fine text violence=0.50");
    expect(calls).toHaveLength(1);
    expect(d.action).toBe("allow");
    expect(d.text).toBe("a borderline but fine text violence=0.50");
    expect(d.cascade.outcome).toBe("safe");
    expect(d.layer).toBe("input-rail");
  });

  it("does not ask outside the band, or when the fast path already blocked", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge });
    const low = await guard.checkInput("attack violence=0.30"); // under 0.5 × 0.8
    expect(low.cascade).toMatchObject({ fired: false, outcome: "not-in-band", hits: [] });
    expect(low.action).toBe("allow");
    const high = await guard.checkInput("attack violence=0.90");
    expect(high.action).toBe("block");
    expect(high.cascade.outcome).toBe("fast-decided");
    expect(calls).toHaveLength(0);
  });

  it("cannot see a classifier's band without its probe", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(false), { judge });
    const d = await guard.checkInput("attack violence=0.60");
    expect(d.cascade.outcome).toBe("not-in-band");
    expect(calls).toHaveLength(0);
  });

  it("uses under-threshold findings of the decision, relative to the rule's threshold", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge });
    const d = await guard.checkInput("attack them hate=0.30"); // rules.hate: block at 0.5; band [0.25, 0.5)
    expect(d.cascade.hits).toEqual([
      { detector: "hate-scorer", category: "hate", score: 0.3, threshold: 0.5, via: "finding" },
    ]);
    expect(d.action).toBe("block");
    expect((await guard.checkInput("attack them hate=0.20")).cascade.outcome).toBe("not-in-band");
    expect(calls).toHaveLength(1);
  });

  it("follows a configured band", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge, band: { low: 0.3, high: 0.6 } });
    expect((await guard.checkInput("attack violence=0.30")).cascade.outcome).toBe("unsafe"); // ≥ 0.24
    expect((await guard.checkInput("attack violence=0.50")).cascade.outcome).toBe("not-in-band"); // ≥ 0.48
    expect(calls).toHaveLength(1);
  });

  it("ignores categories the judge does not assess and rules that allow", async () => {
    const { judge, calls } = fixtureJudge();
    const onlyHate = withCascade(await toyGuard(), { judge, categories: ["hate"] });
    expect((await onlyHate.checkInput("attack violence=0.60")).cascade.outcome).toBe("not-in-band");
    const allowing = withCascade(
      await createGuard({
        policy: { extends: "default", rules: { "violent-crimes": { action: "allow" } } },
        detectors: [toyClassifier, toyProbe()],
      }),
      { judge },
    );
    expect((await allowing.checkInput("attack violence=0.60")).cascade.outcome).toBe("not-in-band");
    expect(calls).toHaveLength(0);
  });

  it("runs only at its stages", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge, stages: ["input"] });
    const d = await guard.checkOutput("attack violence=0.60");
    expect(d.cascade.outcome).toBe("stage-off");
    expect(d.action).toBe("allow");
    expect(calls).toHaveLength(0);
  });

  it("over budget: aborts the call, the fast verdict stands, the timeout is recorded", async () => {
    const { judge, aborted } = fixtureJudge({ delayMs: 2000 });
    const guard = withCascade(await toyGuard(), { judge, budgetMs: 50 });
    const t0 = performance.now();
    const d = await guard.checkInput("attack violence=0.60");
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(d.action).toBe("allow");
    expect(d.cascade.outcome).toBe("timeout");
    expect(d.failures).toMatchObject([{ detector: "llm-judge", kind: "timeout", failedClosed: false }]);
    expect(d.failures[0]!.message).toMatch(/no verdict within 50 ms; the fast verdict stands/);
    await new Promise((r) => setTimeout(r, 20));
    expect(aborted).toEqual([true]);
  });

  it("an unparsable verdict is an error: the fast verdict stands", async () => {
    const { judge } = fixtureJudge({ reply: "Let me think about that." });
    const guard = withCascade(await toyGuard(), { judge });
    const d = await guard.checkInput("attack violence=0.60");
    expect(d.action).toBe("allow");
    expect(d.cascade.outcome).toBe("error");
    expect(d.failures).toMatchObject([{ detector: "llm-judge", kind: "error", failedClosed: false }]);
  });

  it("shows the judge the redacted text, and at output the user's message", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge });
    const d = await guard.checkInput("mail jane.roe@example.com about it violence=0.60");
    expect(d.action).toBe("modify");
    const sent = calls[0]!.messages[0]!.content;
    expect(sent).toContain("mail [EMAIL_1] about it");
    expect(sent).not.toContain("jane.roe@example.com");
    await guard.checkOutput("Sure. violence=0.60", { prompt: "what do you say?" });
    expect(calls[1]!.messages[0]!.content).toContain("User: what do you say?\n\nAgent: Sure. violence=0.60");
  });

  it("is a Guard the other rails can use: the streaming rail consults the judge", async () => {
    const { judge, calls } = fixtureJudge();
    const guard = withCascade(await toyGuard(), { judge });
    const events = [];
    for await (const ev of guardStream(guard, ["Here is the plan. ", "We attack at dawn violence=0.60."]))
      events.push(ev);
    expect(calls.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: "blocked" });
    expect(
      events
        .filter((e) => e.type === "text")
        .map((e) => (e as { text: string }).text)
        .join(""),
    ).not.toContain("attack");
  });

  it("validates its options", async () => {
    const { judge } = fixtureJudge();
    const g = await toyGuard();
    expect(() => withCascade(g, { judge, band: { low: 0.9, high: 0.5 } })).toThrow(/0 <= low < high <= 1/);
    expect(() => withCascade(g, { judge, band: { high: 1.2 } })).toThrow(RangeError);
    expect(() => withCascade(g, { judge, budgetMs: 0 })).toThrow(/budgetMs/);
    expect(() => withCascade(g, { judge, band: { low: 0.1 } })).toThrow(/floor 0.25/);
  });
});

describe("band probes", () => {
  it("report nothing outside a cascade and never change the fast verdict", async () => {
    const plain = await createGuard({ policy: "default", detectors: [toyClassifier] });
    const probed = await toyGuard();
    for (const text of ["violence=0.60 x", "violence=0.90 y", "hello", "hate=0.30 z"]) {
      const a = await plain.checkInput(text);
      const b = await probed.checkInput(text);
      expect(b.action).toBe(a.action);
      expect(b.findings.filter((f) => f.detector !== "hate-scorer")).toEqual(a.findings);
    }
  });

  it("one per hazard or attack classifier, named after it", () => {
    const probes = bandProbes();
    expect(probes.map((p) => p.name)).toEqual([
      "harm-classifier-band",
      "injection-classifier-band",
      "toxicity-classifier-band",
      "harmful-response-classifier-band",
    ]);
    expect(probes.every(isBandProbe)).toBe(true);
    expect(probes.map((p) => p.bandProbe.source)).toEqual([
      "harm-classifier",
      "injection-classifier",
      "toxicity-classifier",
      "harmful-response-classifier",
    ]);
    expect(probes.every((p) => p.categories.length === 0)).toBe(true);
  });

  it("probe only where their source runs (the default policy turns the classifiers off)", async () => {
    const { judge } = fixtureJudge();
    const guard = await createGuard({ policy: "default", detectors: bandProbes() });
    const cascaded = withCascade(guard, { judge });
    const d = await cascaded.checkInput("How do I bake bread?");
    expect(d.cascade.outcome).toBe("not-in-band");
    expect(d.failures).toEqual([]);
  });
});
