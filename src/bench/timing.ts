/** Latency measurement helpers for benchmarks: warm up, time many calls, report percentiles. */
export interface LatencyStats {
  n: number;
  medianUs: number;
  p99Us: number;
  meanUs: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

/** The median of xs (the lower of the middle two for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Times fn() `iterations` times after `warmup` calls; returns microsecond statistics. With `idleMs`, the
 * thread sleeps that long before each timed call, as a server's does between requests at a low rate.
 */
export async function measure(
  fn: () => unknown,
  {
    iterations = 2000,
    warmup = 200,
    idleMs = 0,
  }: { iterations?: number; warmup?: number; idleMs?: number } = {},
): Promise<LatencyStats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    if (idleMs > 0) await sleep(idleMs);
    const t0 = process.hrtime.bigint();
    const r = fn();
    if (r instanceof Promise) await r;
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort();
  let sum = 0;
  for (const s of samples) sum += s;
  return {
    n: iterations,
    medianUs: percentile(samples, 50),
    p99Us: percentile(samples, 99),
    meanUs: sum / iterations,
  };
}

export function fmtUs(us: number): string {
  return us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2);
}
