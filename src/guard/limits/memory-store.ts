/**
 * The in-process store: two Maps. Each operation runs synchronously to completion, so concurrent checks
 * in one process are exact without locks. Stale entries (full buckets, decayed strikes) are swept when
 * the maps have doubled since the last sweep or a minute has passed, so memory follows active users.
 */
import { bucketStep, ceilToUs, type BucketOutcome, type BucketState } from "./gcra.js";
import type {
  BucketRequest,
  RateLimitStore,
  StoreBucketResult,
  StoreCheckRequest,
  StoreCheckResult,
  StrikeResult,
} from "./store.js";
import {
  applyStrike,
  strikeState,
  strikeTtlMs,
  type StrikeParams,
  type StrikeRecord,
  type StrikeState,
} from "./strikes.js";

export interface MemoryStoreOptions {
  /** Epoch milliseconds; a fake clock in tests. */
  clock?: () => number;
}

const SWEEP_EVERY_MS = 60_000;

function skippedBucket(): StoreBucketResult {
  return { allowed: true, skipped: true, tooLarge: false, remaining: 0, resetMs: 0, retryAfterMs: 0 };
}
const MIN_SWEEP_SIZE = 1024;

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, BucketState>();
  private readonly records = new Map<string, StrikeRecord & { halfLifeMs: number }>();
  private readonly clock: () => number;
  private lastSweepAt: number;
  private sizeAfterSweep = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.lastSweepAt = this.clock();
  }

  check(req: StoreCheckRequest): Promise<StoreCheckResult> {
    const now = this.clock();
    this.maybeSweep(now);
    const rec = req.strikeKey === undefined ? undefined : this.records.get(req.strikeKey);
    const blockedForMs = ceilToUs(Math.max(0, (rec?.blockedUntil ?? 0) - now));
    const throttled = (rec?.throttledUntil ?? 0) > now;
    const n = req.buckets.length;
    const buckets: StoreBucketResult[] = new Array<StoreBucketResult>(n);
    if (blockedForMs > 0 && !req.force) {
      for (let i = 0; i < n; i++) buckets[i] = skippedBucket();
      return Promise.resolve({ allowed: false, blockedForMs, throttled, buckets });
    }
    let allowed = true;
    const steps: Array<BucketOutcome | undefined> = new Array<BucketOutcome | undefined>(n);
    for (let i = 0; i < n; i++) {
      const b = req.buckets[i] as BucketRequest;
      if (b.throttledOnly && !throttled) continue;
      const step = bucketStep(this.buckets.get(b.key), now, b, b.cost, req.force);
      if (!step.allowed) allowed = false;
      steps[i] = step;
    }
    for (let i = 0; i < n; i++) {
      const step = steps[i];
      if (!step) {
        buckets[i] = skippedBucket();
        continue;
      }
      // All or nothing: a refused request charges no bucket.
      if (allowed) this.buckets.set((req.buckets[i] as BucketRequest).key, step.next);
      const { allowed: ok, tooLarge, remaining, resetMs, retryAfterMs } = step;
      buckets[i] = {
        allowed: ok,
        skipped: false,
        tooLarge,
        remaining,
        resetMs: ceilToUs(resetMs),
        retryAfterMs: ceilToUs(retryAfterMs),
      };
    }
    return Promise.resolve({ allowed, blockedForMs, throttled, buckets });
  }

  strike(key: string, params: StrikeParams): Promise<StrikeResult> {
    const now = this.clock();
    this.maybeSweep(now);
    const { record, newlyEscalated } = applyStrike(this.records.get(key), now, params);
    this.records.set(key, { ...record, halfLifeMs: params.halfLifeMs });
    return Promise.resolve({
      state: strikeState(record, now, params.halfLifeMs, params.escalateAt),
      newlyEscalated,
    });
  }

  strikes(key: string, halfLifeMs: number, escalateAt: number): Promise<StrikeState> {
    return Promise.resolve(strikeState(this.records.get(key), this.clock(), halfLifeMs, escalateAt));
  }

  clearStrikes(key: string): Promise<void> {
    this.records.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.buckets.clear();
    this.records.clear();
    return Promise.resolve();
  }

  /** Entries held (for tests and monitoring). */
  get size(): number {
    return this.buckets.size + this.records.size;
  }

  private maybeSweep(now: number): void {
    const size = this.size;
    const grown = size >= Math.max(MIN_SWEEP_SIZE, 2 * this.sizeAfterSweep);
    if (!grown && now - this.lastSweepAt < SWEEP_EVERY_MS) return;
    for (const [key, b] of this.buckets) if (b.at + b.debt <= now) this.buckets.delete(key);
    for (const [key, rec] of this.records)
      if (strikeTtlMs(rec, now, rec.halfLifeMs) <= 0) this.records.delete(key);
    this.lastSweepAt = now;
    this.sizeAfterSweep = this.size;
  }
}
