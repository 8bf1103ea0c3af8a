import type { CaseResult } from "../types.js";
import type { LatencyStats } from "./types.js";

/** Latency of the non-error results that have an output; null when there are none. */
export function latencyStats(results: readonly CaseResult[]): LatencyStats | null {
  const ms: number[] = [];
  for (const r of results)
    if (r.outcome !== "error" && r.output && Number.isFinite(r.output.latencyMs)) ms.push(r.output.latencyMs);
  if (ms.length === 0) return null;
  ms.sort((a, b) => a - b);
  // Nearest-rank percentiles: each is a latency that was actually observed.
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(q * ms.length) - 1))]!;
  return {
    n: ms.length,
    meanMs: ms.reduce((s, x) => s + x, 0) / ms.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: ms[ms.length - 1]!,
  };
}
