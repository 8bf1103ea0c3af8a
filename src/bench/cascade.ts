/**
 * The cascade to a guard model: how often the uncertain band of the fast detectors sends benign traffic
 * to the judge, and what the judge adds (recall on harmful requests, false positives on benign ones).
 *
 * The fast path is the default policy with the trained classifiers on (refusal excepted) and their band
 * probes registered; the judge is `llamaGuardJudge` over the mock OpenAI server. The mock is a test
 * fixture, not a model: its answer is a fixed function of the benchmark label of the text being checked
 * (an oracle, or the oracle wrong on a fixed hashed share of texts). So the firing rate is measured, and
 * is the same under every fixture — it is decided before the judge is asked — while the recall and FPR
 * "with cascade" show what a judge of that quality would add, not what Llama Guard adds.
 *
 * Data: benign first turns of hh-rlhf-helpful-test and nq-open questions, harmful AdvBench and HarmBench
 * behaviours — each minus every text the harm classifier's task puts in its train or validation part.
 */
import { bandProbes } from "../guard/cascade/band-probes.js";
import type { CascadeBand, CascadeDecision } from "../guard/cascade/types.js";
import { withCascade } from "../guard/cascade/with-cascade.js";
import { createGuard, type Guard } from "../guard/create-guard.js";
import { TASK_LOADERS } from "../classifiers/training/datasets/index.js";
import {
  readHhHelpfulFirstTurns,
  readNqOpenQuestions,
} from "../classifiers/training/datasets/read/benign-text.js";
import { readAdvbench, readHarmbench } from "../classifiers/training/datasets/read/harm-sources.js";
import { seededSample, seedFrom } from "../classifiers/training/datasets/read/sample.js";
import { partOf } from "../classifiers/training/splits.js";
import { SPLIT_SEED } from "../classifiers/training/task-settings.js";
import { llamaGuardJudge } from "../detectors/llm-judge/llama-guard-judge.js";
import type { PolicyInput } from "../policy/schema.js";
import { wilsonInterval } from "../eval/stats/wilson.js";
import { openAICompatibleProvider } from "../providers/openai-compatible.js";
import { startMockOpenAIServer } from "../providers/testing/mock-openai-server.js";
import { fmtUs, measure, median } from "./timing.js";
import type { BenchContext, BenchModule } from "./types.js";

interface Item {
  text: string;
  label: 0 | 1;
}

function heldOut(
  ctx: BenchContext,
  perBenignSource: number,
  maxHarmful: number,
): { benign: Item[]; harmful: Item[] } {
  const trained = new Set(
    TASK_LOADERS.harm(ctx.dataDir)
      .filter((e) => partOf(e, SPLIT_SEED) !== "test")
      .map((e) => e.text),
  );
  const fresh = (texts: string[]) => [...new Set(texts)].filter((t) => !trained.has(t));
  const hh = fresh(readHhHelpfulFirstTurns(ctx.dataDir).map((e) => e.text));
  const nq = fresh(readNqOpenQuestions(ctx.dataDir).map((e) => e.text));
  const bad = fresh([...readAdvbench(ctx.dataDir), ...readHarmbench(ctx.dataDir)].map((e) => e.text));
  return {
    benign: [
      ...seededSample(hh, perBenignSource, "cascade-bench:hh"),
      ...seededSample(nq, perBenignSource, "cascade-bench:nq"),
    ].map((text) => ({ text, label: 0 as const })),
    harmful: seededSample(bad, maxHarmful, "cascade-bench:harmful").map((text) => ({
      text,
      label: 1 as const,
    })),
  };
}

/** The fixture's state: the item being checked (checks run one at a time). */
interface FixtureState {
  item: Item;
  errorRate: number;
  delayMs: number;
}

/** Test fixture: the guard model's answer is the item's label, flipped on a fixed hashed share of texts. */
function fixtureReply(state: FixtureState): string {
  const wrong = (seedFrom(state.item.text) % 1000) / 1000 < state.errorRate;
  return (state.item.label === 1) !== wrong ? "unsafe\nS2" : "safe";
}

interface Tally {
  n: number;
  fast: number;
  fired: number;
  final: number;
  timeouts: number;
  judgeMs: number[];
}

async function runSet(guard: Guard, items: readonly Item[], state: FixtureState): Promise<Tally> {
  const t: Tally = { n: items.length, fast: 0, fired: 0, final: 0, timeouts: 0, judgeMs: [] };
  for (const item of items) {
    state.item = item;
    const d = (await guard.checkInput(item.text)) as CascadeDecision;
    if (d.cascade.outcome === "fast-decided") t.fast++;
    if (d.cascade.fired) t.fired++;
    if (d.cascade.outcome === "timeout") t.timeouts++;
    if (d.cascade.judgeMs !== undefined) t.judgeMs.push(d.cascade.judgeMs);
    if (d.action === "block" || d.action === "escalate") t.final++;
  }
  return t;
}

function pct(k: number, n: number): string {
  if (n === 0) return "—";
  const ci = wilsonInterval(k, n);
  return `${((100 * k) / n).toFixed(1)}% [${(100 * ci.low).toFixed(1)}, ${(100 * ci.high).toFixed(1)}]`;
}

export const run: BenchModule = async (ctx) => {
  const { benign, harmful } = heldOut(ctx, ctx.quick ? 100 : 500, ctx.quick ? 100 : 1000);
  ctx.log(`cascade: ${benign.length} benign, ${harmful.length} harmful held-out texts`);

  const state: FixtureState = { item: { text: "", label: 0 }, errorRate: 0, delayMs: 0 };
  const server = await startMockOpenAIServer({
    handler: () => ({ text: fixtureReply(state), delayMs: state.delayMs }),
  });
  try {
    const policy: PolicyInput = {
      extends: "default",
      name: "cascade-bench",
      detectors: { enabled: [], disabled: ["refusal-classifier"] },
    };
    const guard = await createGuard({ policy, detectors: bandProbes() });
    const plain = await createGuard({ policy });
    const judge = llamaGuardJudge({
      provider: openAICompatibleProvider({
        baseURL: server.url,
        model: "llama-guard3",
        apiKey: "fixture",
        maxRetries: 0,
      }),
    });

    // 1. The band decides how often the judge is asked (oracle judge: the most the cascade can add).
    const bands: CascadeBand[] = [{ low: 0.3 }, { low: 0.5 }, { low: 0.7 }];
    const bandRows: string[] = [];
    for (const band of bands) {
      const cascaded = withCascade(guard, { judge, band });
      Object.assign(state, { errorRate: 0, delayMs: 0 });
      const b = await runSet(cascaded, benign, state);
      const h = await runSet(cascaded, harmful, state);
      const missed = h.n - h.fast;
      bandRows.push(
        `| [${band.low} T, T) | ${pct(b.fired, b.n)} | ${pct(h.fired, h.n)} | ${pct(h.fired, missed)} | ${pct(h.fast, h.n)} | ${pct(h.final, h.n)} | ${pct(b.fast, b.n)} |`,
      );
      ctx.log(`cascade: band ${band.low}: benign fired ${b.fired}/${b.n}, harmful fired ${h.fired}/${h.n}`);
    }

    // 2. What a judge of a given quality adds at the default band; the firing counts must not change.
    const judges = [
      { name: "oracle fixture", errorRate: 0, delayMs: 0, budgetMs: 1500 },
      { name: "fixture wrong on 10%", errorRate: 0.1, delayMs: 0, budgetMs: 1500 },
      { name: "fixture wrong on 25%", errorRate: 0.25, delayMs: 0, budgetMs: 1500 },
      { name: "oracle, 300 ms late (budget 100 ms)", errorRate: 0, delayMs: 300, budgetMs: 100 },
    ];
    const judgeRows: string[] = [];
    let firedOnce: [number, number] | undefined;
    for (const j of judges) {
      const cascaded = withCascade(guard, { judge, budgetMs: j.budgetMs });
      Object.assign(state, { errorRate: j.errorRate, delayMs: j.delayMs });
      const b = await runSet(cascaded, benign, state);
      const h = await runSet(cascaded, harmful, state);
      if (firedOnce && (firedOnce[0] !== b.fired || firedOnce[1] !== h.fired))
        throw new Error("cascade bench: the firing counts changed with the judge fixture; they must not");
      firedOnce = [b.fired, h.fired];
      const ms = median([...b.judgeMs, ...h.judgeMs]);
      judgeRows.push(
        `| ${j.name} | ${pct(b.fast, b.n)} | ${pct(b.final, b.n)} | ${pct(h.fast, h.n)} | ${pct(h.final, h.n)} | ${b.fired + h.fired} | ${b.timeouts + h.timeouts} | ${Number.isNaN(ms) ? "—" : ms.toFixed(1)} |`,
      );
      ctx.log(`cascade: ${j.name}: recall ${h.final}/${h.n}, FPR ${b.final}/${b.n}`);
    }

    // 3. What the cascade costs when it does not fire: probes + the async-local slot.
    Object.assign(state, { errorRate: 0, delayMs: 0 });
    const cascaded = withCascade(guard, { judge });
    const quiet = benign.map((i) => i.text).filter((_, k) => k % 7 === 0);
    const notFiring: string[] = [];
    for (const text of quiet) {
      if (!(await cascaded.checkInput(text)).cascade.fired) notFiring.push(text);
    }
    let k = 0;
    const iterations = ctx.quick ? 300 : 2000;
    const base = await measure(() => plain.checkInput(notFiring[k++ % notFiring.length]!), { iterations });
    k = 0;
    const withC = await measure(() => cascaded.checkInput(notFiring[k++ % notFiring.length]!), {
      iterations,
    });

    const markdown = [
      "Fast path: the default policy with the trained classifiers on (refusal excepted) and their band probes; the judge is `llamaGuardJudge` (Llama Guard 3 prompt and answer format) over the local mock OpenAI server. " +
        `Data: ${benign.length} benign texts (first user turns of hh-rlhf-helpful-test and nq-open questions, half each) and ${harmful.length} harmful requests (AdvBench and HarmBench behaviours), all outside the harm classifier's train and validation parts. ` +
        "Percentages with 95% Wilson intervals. T is the threshold the fast path acts at (the rule's threshold, at least the classifier's operating threshold).",
      "",
      "The **firing rate** — how often a text is sent to the judge — is a property of the fast detectors and the band: it is decided before the judge is asked, and it is identical under every judge fixture below (the bench checks this). " +
        "The judge here is a **test fixture, not a model**: a deterministic function of each text's benchmark label (an oracle, or the oracle wrong on a fixed hashed share of texts). " +
        "So the recall and FPR with the cascade show what a judge of that quality would add; they say nothing about Llama Guard's own accuracy.",
      "",
      "### Firing rate by band (oracle fixture: the most the cascade can add)",
      "",
      "| band | benign sent to judge | harmful sent to judge | of harmful the fast path missed | recall, fast path | recall, with cascade | FPR, fast path |",
      "|---|---|---|---|---|---|---|",
      ...bandRows,
      "",
      "### What the judge adds at the default band [0.5 T, T)",
      "",
      "| judge fixture | FPR, fast path | FPR, with cascade | recall, fast path | recall, with cascade | judge calls | timeouts | median judge ms |",
      "|---|---|---|---|---|---|---|---|",
      ...judgeRows,
      "",
      "Over budget the call is aborted and the fast verdict stands (recorded as a failure): a late judge adds nothing, and costs the budget on every call that fires. The judge ms here are the local mock's round trip; a real guard model adds its own latency on the firing share only.",
      "",
      "### Cost when the cascade does not fire",
      "",
      "| check | median µs | p99 µs |",
      "|---|---:|---:|",
      `| input check, no cascade | ${fmtUs(base.medianUs)} | ${fmtUs(base.p99Us)} |`,
      `| input check through withCascade (probes score, nothing in band) | ${fmtUs(withC.medianUs)} | ${fmtUs(withC.p99Us)} |`,
      "",
      `${notFiring.length} benign texts where the cascade did not fire, ${iterations} checks each way.`,
      "",
      `_Produced by \`npm run bench -- --only cascade\`${ctx.quick ? " (quick run)" : ""}._`,
    ].join("\n");
    return { title: "Cascade to a guard model: firing rate and what it adds", markdown };
  } finally {
    await server.close();
  }
};
