/**
 * Strike maths, shared by the stores (the Redis Lua script in redis-scripts.ts mirrors applyStrike()).
 * A violation adds its category's weight to the user's score; the score halves every half-life. Each
 * violation that leaves the score at or over a threshold starts (or extends) that penalty: throttle, then
 * block. Crossing the escalation threshold upwards flags the user for a person, once per crossing.
 */

/** What a store keeps per user. Times are epoch milliseconds of the store's clock; 0 means never. */
export interface StrikeRecord {
  score: number;
  /** When `score` was last computed (it decays from there). */
  at: number;
  count: number;
  throttledUntil: number;
  blockedUntil: number;
}

/** Thresholds as numbers; a threshold of -1 is off. */
export interface StrikeParams {
  weight: number;
  halfLifeMs: number;
  throttleAt: number;
  throttleForMs: number;
  blockAt: number;
  blockForMs: number;
  escalateAt: number;
}

/** A user's strikes as the API reports them; durations are relative, so clocks of different hosts agree. */
export interface StrikeState {
  score: number;
  count: number;
  /** Remaining throttle, ms (0: not throttled). */
  throttledForMs: number;
  /** Remaining block, ms (0: not blocked). */
  blockedForMs: number;
  /** The score is at or over the escalation threshold. */
  escalated: boolean;
}

/** Below this score a record carries no information and may be dropped. */
export const NEGLIGIBLE_SCORE = 0.01;

export function decayedScore(rec: StrikeRecord | undefined, now: number, halfLifeMs: number): number {
  if (!rec) return 0;
  return rec.score * Math.pow(2, -Math.max(0, now - rec.at) / halfLifeMs);
}

export function applyStrike(
  rec: StrikeRecord | undefined,
  now: number,
  p: StrikeParams,
): { record: StrikeRecord; newlyEscalated: boolean } {
  const before = decayedScore(rec, now, p.halfLifeMs);
  const score = before + p.weight;
  let throttledUntil = rec?.throttledUntil ?? 0;
  let blockedUntil = rec?.blockedUntil ?? 0;
  if (p.throttleAt >= 0 && score >= p.throttleAt)
    throttledUntil = Math.max(throttledUntil, now + p.throttleForMs);
  if (p.blockAt >= 0 && score >= p.blockAt) blockedUntil = Math.max(blockedUntil, now + p.blockForMs);
  const newlyEscalated = p.escalateAt >= 0 && before < p.escalateAt && score >= p.escalateAt;
  return {
    record: { score, at: now, count: (rec?.count ?? 0) + 1, throttledUntil, blockedUntil },
    newlyEscalated,
  };
}

export function strikeState(
  rec: StrikeRecord | undefined,
  now: number,
  halfLifeMs: number,
  escalateAt: number,
): StrikeState {
  const score = decayedScore(rec, now, halfLifeMs);
  return {
    score,
    count: rec?.count ?? 0,
    throttledForMs: Math.max(0, (rec?.throttledUntil ?? 0) - now),
    blockedForMs: Math.max(0, (rec?.blockedUntil ?? 0) - now),
    escalated: escalateAt >= 0 && score >= escalateAt,
  };
}

/** How long a record still matters: until its penalties end and its score is negligible. */
export function strikeTtlMs(rec: StrikeRecord, now: number, halfLifeMs: number): number {
  const score = decayedScore(rec, now, halfLifeMs);
  const decay = score > NEGLIGIBLE_SCORE ? halfLifeMs * Math.log2(score / NEGLIGIBLE_SCORE) : 0;
  return Math.max(decay, rec.throttledUntil - now, rec.blockedUntil - now, 0);
}
