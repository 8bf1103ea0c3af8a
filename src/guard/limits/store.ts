/**
 * The store contract behind the Limiter. A store does one check atomically — the subject's strike
 * penalties and every bucket, charging all buckets or none — so many guard instances sharing a store
 * (Redis) share one view. Implementations: MemoryRateLimitStore (one process), RedisRateLimitStore.
 */
import type { BucketParams } from "./gcra.js";
import type { StrikeParams, StrikeState } from "./strikes.js";

export interface BucketRequest extends BucketParams {
  key: string;
  /** Units this request weighs (1 for a request bucket, the token count for a token bucket). */
  cost: number;
  /** Counted only while the strike record says the subject is throttled. */
  throttledOnly?: boolean;
}

export interface StoreCheckRequest {
  /** The strike record whose block and throttle apply to this request (the user's), if any. */
  strikeKey?: string;
  buckets: readonly BucketRequest[];
  /** Charge every bucket whatever the outcome (usage known only afterwards); a block does not apply. */
  force?: boolean;
}

/** Durations are milliseconds in whole microseconds, rounded up. */
export interface StoreBucketResult {
  /** The request fits this bucket (or was charged by force). */
  allowed: boolean;
  /** Not evaluated: the subject is blocked, or a throttle-only bucket while not throttled. */
  skipped: boolean;
  tooLarge: boolean;
  remaining: number;
  resetMs: number;
  retryAfterMs: number;
}

export interface StoreCheckResult {
  allowed: boolean;
  /** Remaining block from strikes, ms (0: not blocked). */
  blockedForMs: number;
  throttled: boolean;
  /** One per requested bucket, in order. */
  buckets: StoreBucketResult[];
}

export interface StrikeResult {
  state: StrikeState;
  /** This violation took the score over the escalation threshold. */
  newlyEscalated: boolean;
}

export interface RateLimitStore {
  check(req: StoreCheckRequest): Promise<StoreCheckResult>;
  /** Adds one violation to the record at `key`. */
  strike(key: string, params: StrikeParams): Promise<StrikeResult>;
  strikes(key: string, halfLifeMs: number, escalateAt: number): Promise<StrikeState>;
  clearStrikes(key: string): Promise<void>;
  close(): Promise<void>;
}

/** The store could not answer (e.g. Redis unreachable). The Limiter applies `onStoreError` to it. */
export class RateLimitStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RateLimitStoreError";
  }
}
