/**
 * Measures what a proxy adds: the same chat request sent to an upstream directly and through the proxy,
 * alternating, open loop at a fixed rate (requests leave on schedule whether or not earlier ones have
 * finished). For streams it also times the first content delta (time to first token).
 */
import { Agent, request } from "node:http";
import { SSEDecoder } from "../upstream/sse.js";

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface PathStats {
  total: Percentiles;
  ttft: Percentiles;
}

export interface ProbeResult {
  /** Requests per path. */
  n: number;
  direct: PathStats;
  proxy: PathStats;
}

interface Sample {
  total: number;
  ttft: number;
}

/**
 * One keep-alive HTTP client per path, of the same kind as the proxy's own upstream client (node:http
 * with a keep-alive agent): the direct path then costs what the proxy's upstream hop costs, and "added"
 * is the proxy's own time plus the one extra hop to it.
 */
const agents = new Map<string, Agent>();

function agentFor(origin: string): Agent {
  let agent = agents.get(origin);
  if (!agent) {
    agent = new Agent({ keepAlive: true, scheduling: "lifo" });
    agents.set(origin, agent);
  }
  return agent;
}

/** Closes the probe's kept-alive connections. */
export function closeProbeConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/** Milliseconds to the end of the response, and (streams) to the first non-empty content delta. */
function one(baseURL: string, body: string, stream: boolean): Promise<Sample> {
  const url = new URL(`${baseURL}/chat/completions`);
  return new Promise<Sample>((resolve, reject) => {
    const t0 = performance.now();
    let ttft = NaN;
    const req = request(
      {
        agent: agentFor(url.origin),
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const failed = res.statusCode !== 200;
        const errorParts: Buffer[] = [];
        const sse = stream && !failed ? new SSEDecoder() : undefined;
        res.on("data", (piece: Buffer) => {
          if (failed) errorParts.push(piece);
          if (!sse || !Number.isNaN(ttft)) return;
          for (const ev of sse.push(piece)) {
            if (!ev.data.startsWith("{")) continue;
            const chunk = JSON.parse(ev.data) as { choices?: Array<{ delta?: { content?: string } }> };
            if (chunk.choices?.[0]?.delta?.content) {
              ttft = performance.now() - t0;
              break;
            }
          }
        });
        res.once("end", () => {
          const total = performance.now() - t0;
          if (failed)
            reject(
              new Error(
                `latency probe: ${baseURL} answered ${res.statusCode}: ${Buffer.concat(errorParts).toString()}`,
              ),
            );
          else resolve({ total, ttft: stream ? ttft : total });
        });
        res.once("error", reject);
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

function percentiles(xs: number[]): Percentiles {
  const s = Float64Array.from(xs).sort();
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { p50: at(50), p90: at(90), p99: at(99), max: s[s.length - 1] ?? NaN };
}

/** `seconds` of load at `rate` requests/s on each path, the two paths interleaved. */
export async function probe(
  direct: string,
  proxy: string,
  body: string,
  stream: boolean,
  rate: number,
  seconds: number,
): Promise<ProbeResult> {
  const n = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / (2 * rate);
  const start = performance.now() + 20;
  const runs: Array<Promise<void>> = [];
  const samples = { direct: [] as Sample[], proxy: [] as Sample[] };
  for (let i = 0; i < 2 * n; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const path = i % 2 === 0 ? "direct" : "proxy";
    runs.push(one(path === "direct" ? direct : proxy, body, stream).then((s) => void samples[path].push(s)));
  }
  await Promise.all(runs);
  const stats = (xs: Sample[]): PathStats => ({
    total: percentiles(xs.map((s) => s.total)),
    ttft: percentiles(xs.map((s) => s.ttft)),
  });
  return { n, direct: stats(samples.direct), proxy: stats(samples.proxy) };
}

/**
 * Brings both paths to steady state before anything is measured: `count` requests on each, back to back
 * (closed loop, `concurrency` at a time), so the JIT has compiled the request path, as it has in a
 * server that has been up for a while. Open-loop warm-up alone sends too few requests for that.
 */
export async function warmUp(
  direct: string,
  proxy: string,
  body: string,
  count: number,
  concurrency = 2,
): Promise<void> {
  let left = count;
  const worker = async (): Promise<void> => {
    while (left-- > 0) {
      await one(direct, body, false);
      await one(proxy, body, false);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
