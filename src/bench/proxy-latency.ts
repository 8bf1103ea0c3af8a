/**
 * What the proxy adds: the same chat request sent to the mock OpenAI upstream directly and through
 * `guardstack serve` (default policy), alternating, open loop at a fixed rate. The upstream and the
 * measuring client run in a second process, so the proxy has its event loop to itself. Whole responses:
 * added median and p99 latency; streams: added time to first token, bounded by the hold-back window.
 */
import { cpus, loadavg } from "node:os";
import { pino } from "pino";
import { STREAM_DEFAULTS } from "../guard/streaming/index.js";
import { startServer, type RunningServer } from "../server/server.js";
import { runLatencyProbe, type ProbeOptions } from "../server/testing/latency-probe-process.js";
import { startPassThroughProxy, type PassThroughProxy } from "../server/testing/pass-through-proxy.js";
import { summarizeTail, traceServerRequests, type TailSummary } from "../server/testing/request-trace.js";
import type { Percentiles } from "../server/testing/latency-probe.js";
import { benchTexts } from "./corpus.js";
import type { BenchModule } from "./types.js";

const RATE = 50;
/** Streams last about a second each (1,000 characters at 800 characters/s): fewer of them at once. */
const STREAM_RATE = 10;
const CHUNK_CHARS = 4;
const CHUNK_GAP_MS = 5;
/** Back-to-back requests per path before measuring: a server that has been up a while runs JIT-compiled code. */
const WARMUP_REQUESTS = 2_000;

const ms = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Index just past the first sentence end (". ", "! ", "? "), or the text's length. */
function firstSentenceEnd(text: string): number {
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if ((c === "." || c === "!" || c === "?") && text[i + 1] === " ") return i + 1;
  }
  return text.length;
}

/** The traced run's table: where the slowest 1% of requests spent their time, beside the median request. */
function tailSection(t: TailSummary | null): string[] {
  if (!t) return ["Where the tail comes from: not measured here (needs Linux's per-thread schedstat).", ""];
  const blocked = (x: TailSummary["all"]) => Math.max(0, x.wallMs - x.runMs - x.waitMs);
  const row = (label: string, x: TailSummary["all"]) =>
    `| ${label} | ${ms(x.wallMs)} | ${ms(x.runMs)} | ${ms(x.waitMs)} | ${ms(blocked(x))} | ${ms(x.otherThreadsMs)} |`;
  const parts: [string, number][] = [
    ["running its own code", t.slowest.runMs - t.all.runMs],
    ["waiting for a CPU", t.slowest.waitMs - t.all.waitMs],
    ["blocked (waiting for the upstream, or for V8's helper threads)", blocked(t.slowest) - blocked(t.all)],
  ];
  const [what, extra] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return [
    `**Where the tail comes from.** The guardstack run again (${t.n} whole responses), each request's time in the`,
    `proxy split by Linux's per-thread scheduler counters: the main thread running, runnable but waiting for a CPU,`,
    `or blocked (the rest of the time: waiting for the upstream's answer, or for V8's helper threads to finish a`,
    `garbage collection), and the CPU the process's other threads (V8's compiler and garbage-collector helpers)`,
    `used meanwhile. Medians of each column:`,
    "",
    "| requests (ms) | in the proxy | main thread running | waiting for a CPU | blocked | other threads' CPU |",
    "|---|---:|---:|---:|---:|---:|",
    row("all", t.all),
    row(`slowest 1% (${t.slowestN})`, t.slowest),
    "",
    `Over all requests the main thread ran ${ms(t.p99RunMs)} ms at p99 and waited for a CPU ${ms(t.p99WaitMs)} ms at p99.`,
    `What the slowest requests have most beyond the median one, in this run: ${ms(extra)} ms more ${what}.`,
    "",
  ];
}

export const run: BenchModule = async (ctx) => {
  const texts = benchTexts(ctx.dataDir);
  const question = texts.chat[200] as string;
  const answer = (texts.prose[2048] as string).slice(0, 1000);
  // p99 is the 10th-worst of 1,000 whole responses per path: fewer samples make it the noise of one or two.
  const seconds = ctx.quick ? 2 : 20;
  const streamSeconds = ctx.quick ? 2 : 10;
  const warmupRequests = ctx.quick ? 300 : WARMUP_REQUESTS;
  const warmupSeconds = ctx.quick ? 0.5 : 2;
  const loadStart = loadavg()[0] ?? NaN;
  let server: RunningServer | undefined;
  let passThrough: PassThroughProxy | undefined;
  try {
    const options: ProbeOptions = {
      question,
      answer,
      chunkChars: CHUNK_CHARS,
      chunkGapMs: CHUNK_GAP_MS,
      rate: RATE,
      streamRate: STREAM_RATE,
      seconds,
      streamSeconds,
      warmupSeconds,
      warmupRequests,
    };
    const r = await runLatencyProbe(options, async (upstream) => {
      server = await startServer({
        config: {
          port: 0,
          upstream: { kind: "openai", baseURL: upstream, model: "mock-model", maxRetries: 0 },
          // Rate limits off: the measured path is the guard's, not a refusal.
          policy: { extends: "default", rateLimits: { enabled: false } },
        },
        logger: pino({ level: "silent" }),
      });
      return `${server.url}/v1`;
    });
    await server?.close({ graceMs: 0 });
    server = undefined;
    // The same harness with a proxy that only forwards bytes: what any Node proxy adds on this machine.
    const floor = await runLatencyProbe(options, async (upstream) => {
      passThrough = await startPassThroughProxy(upstream);
      return passThrough.baseURL;
    });
    // Where the tail comes from: the same guardstack run again, each request's server-side time split
    // into the main thread running and waiting for a CPU (Linux schedstat). A separate run, since reading
    // the counters costs a few tens of microseconds per request.
    let tail: TailSummary | null = null;
    const trace = traceServerRequests((url) => url.endsWith("/chat/completions"));
    if (trace) {
      try {
        await runLatencyProbe(
          { ...options, seconds: ctx.quick ? 2 : 10, streamSeconds: 1 },
          async (upstream) => {
            server = await startServer({
              config: {
                port: 0,
                upstream: { kind: "openai", baseURL: upstream, model: "mock-model", maxRetries: 0 },
                policy: { extends: "default", rateLimits: { enabled: false } },
              },
              logger: pino({ level: "silent" }),
            });
            return `${server.url}/v1`;
          },
          (phase) => (trace.active = phase === "whole"),
        );
      } finally {
        trace.stop();
      }
      // Assigned inside the callback above, which the compiler does not follow.
      await (server as RunningServer | undefined)?.close({ graceMs: 0 });
      server = undefined;
      tail = summarizeTail(trace.records);
    }
    const w = r.whole;
    const s = r.stream;
    const fw = floor.whole;
    const fs = floor.stream;
    ctx.log(
      `proxy-latency: whole added p50 ${ms(w.proxy.total.p50 - w.direct.total.p50)} ms p99 ${ms(w.proxy.total.p99 - w.direct.total.p99)} ms; TTFT added p50 ${ms(s.proxy.ttft.p50 - s.direct.ttft.p50)} ms; pass-through added p50 ${ms(fw.proxy.total.p50 - fw.direct.total.p50)} ms p99 ${ms(fw.proxy.total.p99 - fw.direct.total.p99)} ms`,
    );
    const cpuPerRequest = r.wholeCpuMs / w.n;
    const sentence = firstSentenceEnd(answer);
    const sendMs = (chars: number) => Math.ceil(chars / CHUNK_CHARS) * CHUNK_GAP_MS;
    const row = (label: string, d: Percentiles, p: Percentiles) =>
      `| ${label} | ${ms(d.p50)} | ${ms(p.p50)} | **${ms(p.p50 - d.p50)}** | ${ms(d.p99)} | ${ms(p.p99)} | **${ms(p.p99 - d.p99)}** |`;
    const markdown = [
      `The same chat request sent to the mock OpenAI upstream directly and through \`guardstack serve\``,
      `(default policy, rate limits off), alternating, open loop at ${RATE} requests/s on each path for ${seconds} s of`,
      `whole responses and ${STREAM_RATE}/s for ${streamSeconds} s of streams (${w.n} and ${s.n} requests per path) over loopback,`,
      `after ${warmupRequests} back-to-back requests on each path (a server that has been up a while runs JIT-compiled`,
      `code) and ${warmupSeconds} s of open-loop warm-up. The upstream and the measuring client share a second process; the proxy`,
      `runs alone in the first. The client is node:http with a keep-alive agent on both paths, the same kind of client`,
      `as the proxy's own upstream hop, so the direct path costs what that hop costs. The user turn is the first 200`,
      `characters of the benchmark chat mix (hh-rlhf helpful first turns with fake PII and keys spliced in), the answer`,
      `the first 1,000 characters of the Wikipedia sample. "Added" is the difference of the two paths' percentiles, so it`,
      `includes the proxy's extra loopback hop as well as its HTTP handling and the input, output and stream rails.`,
      `Load average: ${loadStart.toFixed(1)} at the start of the run, ${loadavg()[0]?.toFixed(1)} at the end, on ${cpus().length} cores (a busy`,
      `machine inflates the p99 most: a request that needs a millisecond of CPU is more often preempted than one`,
      `that needs a tenth of one).`,
      "",
      "| measure (ms) | direct p50 | proxy p50 | added p50 | direct p99 | proxy p99 | added p99 |",
      "|---|---:|---:|---:|---:|---:|---:|",
      row("whole response", w.direct.total, w.proxy.total),
      row("stream: time to first token", s.direct.ttft, s.proxy.ttft),
      row("stream: whole stream", s.direct.total, s.proxy.total),
      "",
      `Whole responses at p90: direct ${ms(w.direct.total.p90)} ms, proxy ${ms(w.proxy.total.p90)} ms. The proxy process used`,
      `${ms(cpuPerRequest)} ms of CPU per whole-response request (its HTTP server, the input and output rails, and its`,
      `keep-alive HTTP call to the upstream), a figure less sensitive than the latencies to other load on the machine.`,
      "",
      `**The floor: a pass-through proxy** (\`src/server/testing/pass-through-proxy.ts\`: node:http, forwards the bytes`,
      `both ways over the same kind of keep-alive client, no parsing, no guard), measured right after in the same harness`,
      `with the same rates and warm-up. It is what putting any Node process in the path costs on this machine: the extra`,
      `loopback hop and two more process wake-ups per request.`,
      "",
      "| pass-through (ms) | direct p50 | proxy p50 | added p50 | direct p99 | proxy p99 | added p99 |",
      "|---|---:|---:|---:|---:|---:|---:|",
      row("whole response", fw.direct.total, fw.proxy.total),
      row("stream: time to first token", fs.direct.ttft, fs.proxy.ttft),
      "",
      `The pass-through used ${ms(floor.wholeCpuMs / fw.n)} ms of CPU per whole-response request. What guardstack adds beyond the`,
      `pass-through, whole responses: **${ms(w.proxy.total.p50 - w.direct.total.p50 - (fw.proxy.total.p50 - fw.direct.total.p50))} ms at p50, ${ms(w.proxy.total.p99 - w.direct.total.p99 - (fw.proxy.total.p99 - fw.direct.total.p99))} ms at p99**, and ${ms(cpuPerRequest - floor.wholeCpuMs / fw.n)} ms of CPU per request.`,
      "",
      ...tailSection(tail),
      `The upstream streams ${CHUNK_CHARS} characters every ${CHUNK_GAP_MS} ms. The streaming rail releases text once a`,
      `sentence ends or ${STREAM_DEFAULTS.holdChars} characters are held (the hold-back window), so the first token waits`,
      `at most for the upstream to send ${STREAM_DEFAULTS.holdChars} characters: here ${sendMs(STREAM_DEFAULTS.holdChars)} ms. This answer's`,
      `first sentence ends at character ${sentence}, which the upstream sends about ${sendMs(sentence)} ms after its first one.`,
    ].join("\n");
    return { title: "Proxy: added latency (whole responses and time to first token)", markdown };
  } finally {
    await server?.close({ graceMs: 0 });
    await passThrough?.close();
  }
};
