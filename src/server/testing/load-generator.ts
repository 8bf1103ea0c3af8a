/**
 * A closed-loop HTTP load generator meant to run in its own process (so the load it makes does not share
 * the event loop of the server it measures; see load-generator-process.ts). It posts `body` to
 * `url` from `connections` keep-alive connections, each sending its next request when the last one is
 * answered, for `warmupMs` then `durationMs`, and prints one JSON line of results on stdout.
 */
import { Agent, request } from "node:http";

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  durationMs: number;
  warmupMs?: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Status codes other than 200, counted. */
  statuses: Record<string, number>;
  seconds: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

function post(agent: Agent, url: URL, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": body.length, ...headers },
      },
      (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export async function generateLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(o.url);
  const body = Buffer.from(o.body);
  const headers = o.headers ?? {};
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const t0 = performance.now();
      try {
        const status = await post(agent, url, body, headers);
        if (!measuring) continue;
        latencies.push(performance.now() - t0);
        if (status !== 200) statuses[status] = (statuses[status] ?? 0) + 1;
      } catch {
        if (measuring) errors++;
      }
    }
  };
  const workers = Array.from({ length: o.connections }, worker);
  await new Promise((r) => setTimeout(r, o.warmupMs ?? 0));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, o.durationMs));
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    requestsPerSec: latencies.length / seconds,
    p50Ms: at(50),
    p99Ms: at(99),
  };
}
