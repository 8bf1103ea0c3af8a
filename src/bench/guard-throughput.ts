/**
 * `POST /v1/guard` throughput: the server in this process, the load from a second Node process (closed
 * loop, N keep-alive connections, each sending its next request when the last is answered). Requests
 * per second and per-request latency at several concurrencies, for a short and a 2 KB input.
 */
import { cpus, loadavg } from "node:os";
import { pino } from "pino";
import { startMockOpenAIServer } from "../providers/testing/mock-openai-server.js";
import { startServer } from "../server/server.js";
import { runLoadProcess } from "../server/testing/load-generator-process.js";
import { benchTexts } from "./corpus.js";
import type { BenchModule } from "./types.js";

const CONNECTIONS = [1, 16, 64] as const;

export const run: BenchModule = async (ctx) => {
  const texts = benchTexts(ctx.dataDir);
  const inputs = [
    { label: "200 chars", text: texts.chat[200] as string },
    { label: "2 KB", text: texts.chat[2048] as string },
  ];
  const durationMs = ctx.quick ? 1_000 : 5_000;
  // The upstream is not called by /v1/guard; the mock only satisfies the config.
  const mock = await startMockOpenAIServer();
  const server = await startServer({
    config: {
      port: 0,
      upstream: { kind: "openai", baseURL: mock.url, model: "mock-model" },
      policy: { extends: "default", rateLimits: { enabled: false } },
    },
    logger: pino({ level: "silent" }),
  });
  const rows: string[] = [];
  try {
    for (const input of inputs) {
      const body = JSON.stringify({ stage: "input", text: input.text });
      for (const connections of CONNECTIONS) {
        const r = await runLoadProcess({
          url: `${server.url}/v1/guard`,
          body,
          connections,
          durationMs,
          warmupMs: ctx.quick ? 300 : 1_000,
        });
        const failed = r.errors + Object.values(r.statuses).reduce((a, b) => a + b, 0);
        if (failed > 0)
          throw new Error(`guard-throughput: ${failed} failed requests (${JSON.stringify(r.statuses)})`);
        ctx.log(`guard-throughput ${input.label} c=${connections}: ${Math.round(r.requestsPerSec)} req/s`);
        rows.push(
          `| ${input.label} | ${connections} | ${Math.round(r.requestsPerSec).toLocaleString("en-US")} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} |`,
        );
      }
    }
  } finally {
    await server.close({ graceMs: 0 });
    await mock.close();
  }
  const markdown = [
    `\`POST /v1/guard\` with \`{ stage: "input", text }\` under the default policy (rate limits off): the`,
    `server runs in one Node process, the load comes from a second one over loopback (closed loop: each`,
    `connection sends its next request when the last is answered), ${durationMs / 1000} s per row after a`,
    `warm-up, on ${cpus().length} CPU cores (load average ${loadavg()[0]?.toFixed(1)} at the end). The texts`,
    `are the benchmark chat mix (hh-rlhf helpful first turns with fake PII, card numbers, links and keys`,
    `spliced in), so most 2 KB requests are redactions.`,
    `One server process uses one core; run one per core behind a load balancer to scale.`,
    "",
    "| input | connections | requests/s | p50 ms | p99 ms |",
    "|---|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  return { title: "Guard API: requests per second", markdown };
};
