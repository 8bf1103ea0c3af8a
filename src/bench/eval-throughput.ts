/**
 * Evaluation throughput: cases per second through the runner at concurrency 32, against the local mock
 * OpenAI-compatible server (real HTTP, the official SDK), for the model alone (provider target) and the
 * full stack (guard input and retrieval rails, model, output rail), with every case judged and stored in
 * SQLite as a real run is. Two mock models: one that answers at once (the runner's own overhead) and one
 * that takes 50 ms (what concurrency buys when the model is the bottleneck).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGuard } from "../guard/create-guard.js";
import { openAICompatibleProvider } from "../providers/openai-compatible.js";
import { startMockOpenAIServer } from "../providers/testing/mock-openai-server.js";
import { runEval } from "../eval/runner/run-eval.js";
import { EvalStore } from "../eval/store/eval-store.js";
import { builtinSuites } from "../eval/suites/index.js";
import { providerTarget } from "../eval/targets/provider-target.js";
import { stackTarget } from "../eval/targets/stack-target.js";
import type { EvalTarget } from "../eval/targets/types.js";
import type { Suite } from "../eval/types.js";
import { percentile } from "./timing.js";
import type { BenchModule } from "./types.js";

const CONCURRENCY = 32;

interface Measured {
  cases: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function measure(suites: Suite[], target: EvalTarget, dbPath: string): Promise<Measured> {
  const store = await EvalStore.open(dbPath);
  try {
    const t0 = performance.now();
    const run = await runEval({ suites, target, concurrency: CONCURRENCY, store });
    const seconds = (performance.now() - t0) / 1000;
    const lat = run.results.flatMap((r) => (r.output ? [r.output.latencyMs] : [])).sort((a, b) => a - b);
    return {
      cases: run.results.length,
      seconds,
      p50Ms: percentile(lat, 50),
      p99Ms: percentile(lat, 99),
      errors: run.results.filter((r) => r.outcome === "error").length,
    };
  } finally {
    await store.close();
  }
}

export const run: BenchModule = async (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), "guardstack-eval-bench-"));
  const suites = builtinSuites();
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const guard = await createGuard({ policy: "default" });
  const rows: string[] = [];
  try {
    for (const delayMs of [0, 50]) {
      // The mock model is a test fixture: it echoes the user's message (after `delayMs`).
      const server = await startMockOpenAIServer({
        handler: (body) => {
          const last = [...body.messages].reverse().find((m) => m.role === "user");
          return { text: `Echo: ${typeof last?.content === "string" ? last.content : ""}`, delayMs };
        },
      });
      try {
        const provider = openAICompatibleProvider({
          baseURL: server.url,
          model: "mock",
          concurrency: CONCURRENCY,
          maxRetries: 0,
        });
        const targets: Array<[string, EvalTarget]> = [
          ["model alone (provider target)", providerTarget(provider)],
          ["full stack (guard + model)", stackTarget({ guard, provider })],
        ];
        // Warm-up, untimed: a full run through each target (JIT, classifier and SDK initialisation).
        for (const [, target] of targets)
          await measure(suites, target, join(dir, `warm-${delayMs}-${target.name.length}.db`));
        const repeats = ctx.quick ? 1 : 3;
        for (const [label, target] of targets) {
          let best: Measured | undefined;
          for (let i = 0; i < repeats; i++) {
            ctx.log(`eval-throughput: ${label}, model delay ${delayMs} ms, run ${i + 1}/${repeats}`);
            const m = await measure(suites, target, join(dir, `${delayMs}-${i}-${label.length}.db`));
            if (!best || m.seconds < best.seconds) best = m;
          }
          const b = best!;
          rows.push(
            `| ${label} | ${delayMs} ms | ${b.cases} | ${(b.cases / b.seconds).toFixed(0)} | ${b.p50Ms.toFixed(1)} | ${b.p99Ms.toFixed(1)} | ${server.maxInFlight} | ${b.errors} |`,
          );
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const markdown = [
    `All ${total} cases of the built-in suites, concurrency ${CONCURRENCY}, each case judged (refusal classifier, leak, groundedness, tool judges) and its result committed to SQLite (WAL) before the next is counted; response cache off; default policy. Best of ${ctx.quick ? 1 : 3} runs after an untimed warm-up run. The mock server runs in the same process, so with an instant model the runner, the judges and the server share one CPU core: that row is the CPU cost per case; the 50 ms row shows the runner keeping ${CONCURRENCY} requests in flight. The machine is shared: compare rows within one run of the benchmark.`,
    "",
    "| target | mock model delay | cases | cases/s | case p50 (ms) | case p99 (ms) | max requests in flight | errors |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "Data: the built-in suites (project-written); the model is `startMockOpenAIServer` on 127.0.0.1 answering `Echo: <prompt>`, reached through the official `openai` SDK.",
  ].join("\n");
  return { title: "Eval runner throughput", markdown };
};
