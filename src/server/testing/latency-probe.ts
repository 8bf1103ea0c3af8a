/**
 * Measures what a proxy adds: the same chat request sent to an upstream directly and through the proxy,
 * alternating, open loop at a fixed rate (requests leave on schedule whether or not earlier ones have
 * finished). For streams it also times the first content delta (time to first token).
 */

export interface Percentiles {
  p50: number;
  p99: number;
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

/** Milliseconds to the first non-empty content delta and to the end of an SSE response. */
async function readStream(res: Response, t0: number): Promise<Sample> {
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  let ttft = NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!Number.isNaN(ttft)) continue;
    buf += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buf.indexOf("\n\n")) >= 0) {
      const event = buf.slice(0, end);
      buf = buf.slice(end + 2);
      if (!event.startsWith("data: {")) continue;
      const chunk = JSON.parse(event.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
      if (chunk.choices?.[0]?.delta?.content) {
        ttft = performance.now() - t0;
        break;
      }
    }
  }
  return { total: performance.now() - t0, ttft };
}

async function one(baseURL: string, body: string, stream: boolean): Promise<Sample> {
  const t0 = performance.now();
  const res = await fetch(`${baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  if (!res.ok) throw new Error(`latency probe: ${baseURL} answered ${res.status}: ${await res.text()}`);
  if (stream) return readStream(res, t0);
  await res.arrayBuffer();
  const total = performance.now() - t0;
  return { total, ttft: total };
}

function percentiles(xs: number[]): Percentiles {
  const s = Float64Array.from(xs).sort();
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { p50: at(50), p99: at(99) };
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
