/**
 * Per-session tool rate limits. The tool rail talks to a `ToolRateLimiter`; the in-memory one here keeps
 * an exact sliding window (the timestamps of the last `max` calls) per key, which is right for one
 * process. A shared limiter (Redis: a sorted set per key, trimmed by score) implements the same
 * interface for several processes.
 */

export interface ToolRateLimitSpec {
  max: number;
  perSeconds: number;
}

export interface ToolRateVerdict {
  allowed: boolean;
  /** Calls counted in the window, including this one when it was allowed. */
  count: number;
  /** When refused: milliseconds until the oldest counted call leaves the window. */
  retryAfterMs?: number;
}

export interface ToolRateLimiter {
  /** Counts one call under `key` if it fits in the limit; refuses it (and does not count it) otherwise. */
  take(key: string, limit: ToolRateLimitSpec, nowMs: number): ToolRateVerdict | Promise<ToolRateVerdict>;
}

export interface InMemoryToolRateLimiterOptions {
  /** Keys kept before idle ones are swept (default 100,000). */
  maxKeys?: number;
}

export class InMemoryToolRateLimiter implements ToolRateLimiter {
  private readonly calls = new Map<string, number[]>();
  private readonly maxKeys: number;
  /** The longest window seen, so a sweep never drops a key that still counts. */
  private longestWindowMs = 0;

  constructor(options: InMemoryToolRateLimiterOptions = {}) {
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  take(key: string, limit: ToolRateLimitSpec, nowMs: number): ToolRateVerdict {
    const windowMs = limit.perSeconds * 1000;
    if (windowMs > this.longestWindowMs) this.longestWindowMs = windowMs;
    let times = this.calls.get(key);
    if (!times) {
      if (this.calls.size >= this.maxKeys) this.sweep(nowMs);
      times = [];
      this.calls.set(key, times);
    }
    // Drop calls that left the window (times are in call order, so the old ones are at the front).
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= nowMs - windowMs) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length >= limit.max) {
      return { allowed: false, count: times.length, retryAfterMs: (times[0] as number) + windowMs - nowMs };
    }
    times.push(nowMs);
    return { allowed: true, count: times.length };
  }

  /**
   * Forgets keys with no call in the longest window; if all are still live, the oldest-created half
   * goes (their sessions' counts restart: a bound on memory, set `maxKeys` above the live sessions).
   */
  private sweep(nowMs: number): void {
    for (const [key, times] of this.calls) {
      const last = times[times.length - 1];
      if (last === undefined || last <= nowMs - this.longestWindowMs) this.calls.delete(key);
    }
    if (this.calls.size < this.maxKeys) return;
    let n = Math.ceil(this.calls.size / 2);
    for (const key of this.calls.keys()) {
      if (n-- <= 0) break;
      this.calls.delete(key);
    }
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.calls.size;
  }
}
