/**
 * GCRA (the generic cell rate algorithm), the rate-limit maths every store uses. The Redis Lua script in
 * redis-scripts.ts is a line-by-line copy of bucketStep(); the shared store tests hold the two together.
 *
 * Why GCRA: its state is one small record per key (the "theoretical arrival time", TAT), so a check is one read
 * and one write however high the limit, which keeps the Redis script O(1) and memory flat. It is exact, not
 * an estimate (a sliding-window counter weights the previous window by a guess), a request may weigh any
 * number of units (tokens) at no extra cost (a sliding log would need one entry per request), it gives an
 * exact retry-after, and it has no edge burst at fixed window boundaries.
 *
 * Semantics: a rate of `limit` per `windowMs` with bursts of `burst` (default `limit`) is a bucket of
 * `burst` units that refills at limit/windowMs. Over any span of t ms at most burst + limit·t/windowMs
 * units pass; a request is refused only when it does not fit in what has refilled.
 */

/**
 * State of one bucket: at time `at`, `debt` ms of refill were owed (GCRA's TAT is at + debt). Keeping the
 * debt apart from the epoch-sized time keeps it exact: adding intervals of e.g. 60000/7 ms to an epoch
 * value would round by ~0.0001 ms per request and drift, while the debt stays at most a window in size.
 */
export interface BucketState {
  at: number;
  debt: number;
}

/** Tolerance for float rounding when comparing the debt to the capacity. */
export const EPS_MS = 1e-6;

/** A bucket's parameters in time units, as the stores take them. */
export interface BucketParams {
  /** Milliseconds one unit takes to refill: windowMs / limit. */
  intervalMs: number;
  /** The bucket's capacity in milliseconds: burst · intervalMs. */
  capacityMs: number;
}

export interface BucketOutcome {
  /** The request fits (or was charged by force). */
  allowed: boolean;
  /** The request weighs more than the whole bucket: it can never pass (never set when forced). */
  tooLarge: boolean;
  /** The state to store when the request is allowed. */
  next: BucketState;
  /** Units left after this request (before it, when refused). */
  remaining: number;
  /** Until the bucket is full again. */
  resetMs: number;
  /** Until this request would fit (after a forced charge: until the debt is back within the bucket);
   * 0 when it fits, Infinity when too large. */
  retryAfterMs: number;
}

/** Durations the stores report are whole microseconds, rounded up (so a retry is never early). */
export function ceilToUs(ms: number): number {
  return Math.ceil(ms * 1000) / 1000;
}

export function bucketParams(limit: number, windowMs: number, burst: number): BucketParams {
  const intervalMs = windowMs / limit;
  return { intervalMs, capacityMs: burst * intervalMs };
}

/**
 * One GCRA step for a request of `cost` units at `now`, given the stored state (undefined: a full
 * bucket). `force` charges the cost even when it does not fit (for usage known only afterwards).
 */
export function bucketStep(
  state: BucketState | undefined,
  now: number,
  p: BucketParams,
  cost: number,
  force = false,
): BucketOutcome {
  // A clock that stepped back counts as no time passed.
  const owed = state ? Math.max(0, state.debt - Math.max(0, now - state.at)) : 0;
  const debt = owed + cost * p.intervalMs;
  const fits = debt <= p.capacityMs + EPS_MS;
  const tooLarge = !force && cost * p.intervalMs > p.capacityMs + EPS_MS;
  const allowed = fits || force;
  const after = allowed ? debt : owed;
  return {
    allowed,
    tooLarge,
    next: { at: now, debt },
    remaining: Math.max(0, Math.floor((p.capacityMs - after + EPS_MS) / p.intervalMs)),
    resetMs: after,
    retryAfterMs: fits ? 0 : tooLarge ? Number.POSITIVE_INFINITY : debt - p.capacityMs,
  };
}
