/**
 * The proxy benchmark's outside world in its own process (latency-probe-child.js): the mock OpenAI
 * upstream and the client that measures, so the proxy under test has its event loop to itself.
 * Protocol over stdio, one JSON line each:
 * the child prints `{ "upstream": url }`; the parent answers `{ "proxy": url }` once the proxy listens;
 * the child measures (warm-ups first), marking the measured whole-response run with `{ "phase": "whole" }`
 * and `{ "phase": "whole-done" }` (the parent reads its own CPU time there), and prints
 * `{ "whole": ProbeResult, "stream": ProbeResult }`.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ProbeResult } from "./latency-probe.js";

export interface ProbeOptions {
  /** The user's message. */
  question: string;
  /** The upstream's answer. */
  answer: string;
  chunkChars: number;
  chunkGapMs: number;
  /** Requests per second on each path, whole responses. */
  rate: number;
  /** Requests per second on each path, streams (each stream is long-lived, so fewer). */
  streamRate: number;
  /** Measured seconds of whole responses (and of streams, unless `streamSeconds` says otherwise). */
  seconds: number;
  streamSeconds?: number;
  /** Open-loop warm-up at the measured rate before each measurement. */
  warmupSeconds: number;
  /** Requests sent back to back on each path first, to reach steady state (a JIT-compiled request path). */
  warmupRequests?: number;
}

export interface ProbeResults {
  whole: ProbeResult;
  stream: ProbeResult;
  /** CPU time this (the proxy's) process used during the measured whole-response run, in ms. */
  wholeCpuMs: number;
}

function scriptPath(): string {
  const here = fileURLToPath(new URL("./latency-probe-child.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = join(process.cwd(), "dist", "server", "testing", "latency-probe-child.js");
  if (existsSync(built)) return built;
  throw new Error(`latency probe not built: run "npm run build" (looked for ${here} and ${built})`);
}

/**
 * Starts the child; `startProxy(upstreamURL)` must start the proxy in front of it and return the proxy's
 * OpenAI base URL (ending in /v1). `onPhase` hears when the measured whole-response run starts and ends.
 */
export function runLatencyProbe(
  options: ProbeOptions,
  startProxy: (upstream: string) => Promise<string>,
  onPhase?: (phase: "whole" | "whole-done") => void,
): Promise<ProbeResults> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [scriptPath(), JSON.stringify(options)], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    let result: ProbeResults | undefined;
    let cpuStart: NodeJS.CpuUsage | undefined;
    let wholeCpuMs = NaN;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const msg = JSON.parse(line) as { upstream?: string; phase?: string } & Partial<ProbeResults>;
      if (msg.phase === "whole" || msg.phase === "whole-done") onPhase?.(msg.phase);
      if (msg.phase === "whole") cpuStart = process.cpuUsage();
      if (msg.phase === "whole-done" && cpuStart) {
        const used = process.cpuUsage(cpuStart);
        wholeCpuMs = (used.user + used.system) / 1000;
      }
      if (msg.upstream !== undefined)
        startProxy(msg.upstream).then(
          (proxy) => child.stdin.write(`${JSON.stringify({ proxy })}\n`),
          (e: unknown) => {
            child.kill();
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      else if (msg.whole && msg.stream) result = { whole: msg.whole, stream: msg.stream, wholeCpuMs };
    });
    child.once("exit", (code) => {
      if (result) resolve(result);
      else reject(new Error(`latency probe exited with ${code}: ${err.trim()}`));
    });
  });
}
