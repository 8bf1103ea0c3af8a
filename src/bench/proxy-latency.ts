/**
 * What the proxy adds: the same chat request sent to the mock OpenAI upstream directly and through
 * `guardstack serve` (default policy), alternating, open loop at a fixed rate. The upstream and the
 * measuring client run in a second process, so the proxy has its event loop to itself. Whole responses:
 * added median and p99 latency; streams: added time to first token, bounded by the hold-back window.
 * Rounds alternate guardstack and a pass-through proxy (the floor); figures are medians over rounds. One
 * more round of each at a higher rate shows how the overhead depends on how long the server sleeps.
 */
import { cpus, loadavg } from "node:os";
import { pino } from "pino";
import { STREAM_DEFAULTS } from "../guard/streaming/index.js";
import { startServer, type RunningServer } from "../server/server.js";
import {
  runLatencyProbe,
  type ProbeOptions,
  type ProbeResults,
} from "../server/testing/latency-probe-process.js";
import { startPassThroughProxy, type PassThroughProxy } from "../server/testing/pass-through-proxy.js";
import { summarizeTail, traceServerRequests, type TailSummary } from "../server/testing/request-trace.js";
import type { Percentiles } from "../server/testing/latency-probe.js";
import { benchTexts } from "./corpus.js";
import { median } from "./timing.js";
import type { BenchModule } from "./types.js";

const RATE = 50;
/** One more round at a higher rate: a server that sleeps less between requests keeps its caches warmer. */
const HIGH_RATE = 200;
/** Streams last about a second each (1,000 characters at 800 characters/s): fewer of them at once. */
const STREAM_RATE = 10;
const CHUNK_CHARS = 4;
const CHUNK_GAP_MS = 5;
/** Back-to-back requests per path before measuring: a server that has been up a while runs JIT-compiled code. */
const WARMUP_REQUESTS = 2_000;
/** Rounds of guardstack then the pass-through (each figure is the median over them). */
const ROUNDS = 3;

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
  const row = (label: string, x: TailSummary["all"]) =>
    `| ${label} | ${ms(x.wallMs)} | ${ms(x.waitMs)} | ${ms(x.cpuMs)} |`;
  const extra = t.slowest.wallMs - t.all.wallMs;
  const waitShare = extra > 0 ? (100 * (t.slowest.waitMs - t.all.waitMs)) / extra : NaN;
  return [
    `**Where the tail comes from.** The guardstack run again (${t.n} whole responses), each request's time in the`,
    `proxy beside the time its thread was runnable but waiting for a CPU (Linux's per-thread schedstat) and the CPU`,
    `the whole process used meanwhile (its main thread, V8's compiler and garbage-collector helper threads).`,
    `Medians of each column:`,
    "",
    "| requests (ms) | in the proxy | waiting for a CPU | process CPU |",
    "|---|---:|---:|---:|",
    row("all", t.all),
    row(`slowest 1% (${t.slowestN})`, t.slowest),
    "",
    `Over all requests the thread waited ${ms(t.p99WaitMs)} ms for a CPU at p99. Of what the slowest requests took`,
    `beyond the median one (${ms(extra)} ms), ${Number.isFinite(waitShare) ? waitShare.toFixed(0) : "—"}% was waiting for a CPU; the rest is more CPU work (cold caches, a`,
    `collection) or waiting for the upstream.`,
    `Garbage collection during the run: ${t.gc.pauses} pauses (${t.gc.minor} young-generation), median ${ms(t.gc.medianPauseMs)} ms. Requests`,
    `that overlapped a pause: ${t.gc.requestsHit}, of which ${t.gc.slowestHit} among the slowest ${t.slowestN}.`,
    "",
  ];
}

interface RateRow {
  rate: number;
  /** guardstack's added p50 and p99, and its CPU per request (ms). */
  gs: number;
  gs99: number;
  cpu: number;
  /** The same for the pass-through. */
  floor: number;
  floor99: number;
  floorCpu: number;
}

/** A rate's figures: medians over its rounds (one round is its own median). */
function rateRow(rate: number, gs: readonly ProbeResults[], floor: readonly ProbeResults[]): RateRow {
  const at = (rs: readonly ProbeResults[], p: "p50" | "p99") => median(rs.map((r) => added(r, p)));
  const cpuOf = (rs: readonly ProbeResults[]) => median(rs.map((r) => r.wholeCpuMs / r.whole.n));
  return {
    rate,
    gs: at(gs, "p50"),
    gs99: at(gs, "p99"),
    cpu: cpuOf(gs),
    floor: at(floor, "p50"),
    floor99: at(floor, "p99"),
    floorCpu: cpuOf(floor),
  };
}

/** Added latency and CPU per request at the benchmark's rate and at a higher one. */
function rateSection(base: RateRow, high: RateRow, n: number): string[] {
  const line = (r: RateRow, what: string) =>
    `| ${r.rate}/s (${what}) | ${ms(r.gs)} | ${ms(r.gs99)} | ${ms(r.cpu)} | ${ms(r.floor)} | ${ms(r.floor99)} | ${ms(r.floorCpu)} |`;
  return [
    `**Request rate.** One more round of each proxy at ${high.rate} requests/s (${n} whole responses per path): a`,
    `server's thread then sleeps about ${Math.round(1000 / high.rate)} ms between requests instead of ${Math.round(1000 / base.rate)}, and finds more of its code and`,
    `data still in the caches (see "After idle" in the stage latency section).`,
    "",
    "| rate | guardstack added p50 | added p99 | CPU per request | pass-through added p50 | added p99 | CPU per request |",
    "|---|---:|---:|---:|---:|---:|---:|",
    line(base, "above, median of rounds"),
    line(high, "one round"),
    "",
  ];
}

type Pick = (r: ProbeResults) => { direct: Percentiles; proxy: Percentiles };

/** Table row: each figure the median over rounds ("added" per round first, then its median). */
function row(label: string, rounds: readonly ProbeResults[], pick: Pick): string {
  const m = (f: (x: ReturnType<Pick>) => number) => ms(median(rounds.map((r) => f(pick(r)))));
  return `| ${label} | ${m((x) => x.direct.p50)} | ${m((x) => x.proxy.p50)} | **${m((x) => x.proxy.p50 - x.direct.p50)}** | ${m((x) => x.direct.p99)} | ${m((x) => x.proxy.p99)} | **${m((x) => x.proxy.p99 - x.direct.p99)}** |`;
}

const whole: Pick = (r) => ({ direct: r.whole.direct.total, proxy: r.whole.proxy.total });
const ttft: Pick = (r) => ({ direct: r.stream.direct.ttft, proxy: r.stream.proxy.ttft });
const streamTotal: Pick = (r) => ({ direct: r.stream.direct.total, proxy: r.stream.proxy.total });
const added = (r: ProbeResults, p: "p50" | "p99") => r.whole.proxy.total[p] - r.whole.direct.total[p];

export const run: BenchModule = async (ctx) => {
  const texts = benchTexts(ctx.dataDir);
  const question = texts.chat[200] as string;
  const answer = (texts.prose[2048] as string).slice(0, 1000);
  // Rounds alternate guardstack and the pass-through floor, each in a fresh process pair, and the tables
  // give the median over rounds: one burst of load from elsewhere on a shared machine then moves one
  // round's p99, not the figure. Each round's p99 is about the 8th-worst of 750 whole responses per path.
  const rounds = ctx.quick ? 1 : ROUNDS;
  const seconds = ctx.quick ? 2 : 15;
  const streamSeconds = ctx.quick ? 2 : 4;
  const warmupRequests = ctx.quick ? 300 : WARMUP_REQUESTS;
  const warmupSeconds = ctx.quick ? 0.5 : 2;
  const loadStart = loadavg()[0] ?? NaN;
  let server: RunningServer | undefined;
  let passThrough: PassThroughProxy | undefined;
  const startGuardstack = async (upstream: string) => {
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
  };
  const stopGuardstack = async () => {
    await server?.close({ graceMs: 0 });
    server = undefined;
  };
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
    const gs: ProbeResults[] = [];
    const floor: ProbeResults[] = [];
    for (let k = 0; k < rounds; k++) {
      gs.push(await runLatencyProbe(options, startGuardstack));
      await stopGuardstack();
      // The same harness with a proxy that only forwards bytes: what any Node proxy adds on this machine.
      floor.push(
        await runLatencyProbe(options, async (upstream) => {
          passThrough = await startPassThroughProxy(upstream);
          return passThrough.baseURL;
        }),
      );
      await passThrough?.close();
      passThrough = undefined;
      ctx.log(
        `proxy-latency: round ${k + 1}/${rounds}: whole added p50 ${ms(added(gs[k]!, "p50"))} ms p99 ${ms(added(gs[k]!, "p99"))} ms; pass-through added p50 ${ms(added(floor[k]!, "p50"))} ms p99 ${ms(added(floor[k]!, "p99"))} ms`,
      );
    }
    // The same at a higher rate, one round of each proxy (whole responses; streams are not its point).
    const fast: ProbeOptions = { ...options, rate: HIGH_RATE, seconds: ctx.quick ? 2 : 10, streamSeconds: 1 };
    const gsFast = await runLatencyProbe(fast, startGuardstack);
    await stopGuardstack();
    const floorFast = await runLatencyProbe(fast, async (upstream) => {
      passThrough = await startPassThroughProxy(upstream);
      return passThrough.baseURL;
    });
    await passThrough?.close();
    passThrough = undefined;
    ctx.log(
      `proxy-latency: ${HIGH_RATE}/s: whole added p50 ${ms(added(gsFast, "p50"))} ms p99 ${ms(added(gsFast, "p99"))} ms`,
    );
    // Where the tail comes from: guardstack once more, each request's time in the proxy beside its wait
    // for a CPU (Linux schedstat) and the process's CPU. A separate run, since reading the counters costs
    // a few tens of microseconds per request.
    let tail: TailSummary | null = null;
    const trace = traceServerRequests((url) => url.endsWith("/chat/completions"));
    if (trace) {
      try {
        await runLatencyProbe(
          { ...options, seconds: ctx.quick ? 2 : 10, streamSeconds: 1 },
          startGuardstack,
          (phase) => (trace.active = phase === "whole"),
        );
      } finally {
        trace.stop();
      }
      await stopGuardstack();
      tail = summarizeTail(trace.records, trace.gcs);
    }
    const n = gs[0]!.whole.n;
    const ns = gs[0]!.stream.n;
    const cpu = median(gs.map((r) => r.wholeCpuMs / r.whole.n));
    const floorCpu = median(floor.map((r) => r.wholeCpuMs / r.whole.n));
    const beyond = (p: "p50" | "p99") => median(gs.map((r, k) => added(r, p) - added(floor[k]!, p)));
    const perRound = (rs: ProbeResults[]) => rs.map((r) => ms(added(r, "p99"))).join(", ");
    const sentence = firstSentenceEnd(answer);
    const sendMs = (chars: number) => Math.ceil(chars / CHUNK_CHARS) * CHUNK_GAP_MS;
    const markdown = [
      `The same chat request sent to the mock OpenAI upstream directly and through \`guardstack serve\``,
      `(default policy, rate limits off), alternating, open loop at ${RATE} requests/s on each path for ${seconds} s of`,
      `whole responses and ${STREAM_RATE}/s for ${streamSeconds} s of streams (${n} and ${ns} requests per path) over loopback,`,
      `after ${warmupRequests} back-to-back requests on each path (a server that has been up a while runs JIT-compiled`,
      `code) and ${warmupSeconds} s of open-loop warm-up; ${rounds} round${rounds === 1 ? "" : "s"}, each figure the median over them. The upstream and the measuring client share a second process; the proxy`,
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
      row("whole response", gs, whole),
      row("stream: time to first token", gs, ttft),
      row("stream: whole stream", gs, streamTotal),
      "",
      `Whole responses, added p99 per round: ${perRound(gs)} ms. The proxy process used ${ms(cpu)} ms of CPU per`,
      `whole-response request (its HTTP server, the input and output rails, and its keep-alive HTTP call to the`,
      `upstream), a figure less sensitive than the latencies to other load on the machine.`,
      "",
      `**The floor: a pass-through proxy** (\`src/server/testing/pass-through-proxy.ts\`: node:http, forwards the bytes`,
      `both ways over the same kind of keep-alive client, no parsing, no guard), measured right after guardstack in`,
      `each round, in the same harness with the same rates and warm-up. It is what putting any Node process in the`,
      `path costs on this machine: the extra loopback hop and two more process wake-ups per request.`,
      "",
      "| pass-through (ms) | direct p50 | proxy p50 | added p50 | direct p99 | proxy p99 | added p99 |",
      "|---|---:|---:|---:|---:|---:|---:|",
      row("whole response", floor, whole),
      row("stream: time to first token", floor, ttft),
      "",
      `Pass-through added p99 per round: ${perRound(floor)} ms. The pass-through used ${ms(floorCpu)} ms of CPU per`,
      `whole-response request. What guardstack adds beyond the pass-through, whole responses (median over rounds of`,
      `each round's difference): **${ms(beyond("p50"))} ms at p50, ${ms(beyond("p99"))} ms at p99**, and ${ms(cpu - floorCpu)} ms of CPU per request.`,
      "",
      ...rateSection(rateRow(RATE, gs, floor), rateRow(HIGH_RATE, [gsFast], [floorFast]), gsFast.whole.n),
      ...tailSection(tail),
      `The upstream streams ${CHUNK_CHARS} characters every ${CHUNK_GAP_MS} ms. The streaming rail releases text once a`,
      `sentence ends or ${STREAM_DEFAULTS.holdChars} characters are held (the hold-back window), so the first token waits`,
      `at most for the upstream to send ${STREAM_DEFAULTS.holdChars} characters: here ${sendMs(STREAM_DEFAULTS.holdChars)} ms. This answer's`,
      `first sentence ends at character ${sentence}, which the upstream sends about ${sendMs(sentence)} ms after its first one.`,
    ].join("\n");
    return { title: "Proxy: added latency (whole responses and time to first token)", markdown };
  } finally {
    await stopGuardstack();
    await passThrough?.close();
  }
};
