/**
 * The Limiter: request and token rates per user and per API key, and strikes for violations, from the
 * policy's `rateLimits:` section, over a RateLimitStore (memory by default, Redis to share across
 * instances). One check is one store call: the user's block and throttle and every bucket, atomically.
 */
import {
  RateLimitsConfigSchema,
  type Rate,
  type RateLimitsConfig,
  type RateLimitsConfigInput,
} from "../../policy/limits-config.js";
import { bucketParams } from "./gcra.js";
import { bucketKey, strikeKey, type BucketKind, type Scope } from "./keys.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import type { BucketRequest, RateLimitStore, StoreCheckResult } from "./store.js";
import type { StrikeParams, StrikeState } from "./strikes.js";
import { estimateTokens } from "./tokens.js";

export interface LimitCheck {
  userId?: string;
  /** The caller's API key id (an identifier, never the secret). */
  keyId?: string;
  /** Tokens this request weighs; when absent and `text` is given, estimated as chars/4. */
  tokens?: number;
  text?: string;
}

export type RateLimitReason =
  | "ok"
  /** A rate was exceeded. */
  | "limit"
  /** The stricter rate of a throttled user was exceeded. */
  | "throttled"
  /** The user is blocked for a cool-down after strikes. */
  | "blocked"
  /** The request weighs more than a whole bucket; it can never pass. */
  | "too-large"
  /** The store failed; `allowed` follows onStoreError. */
  | "store-error"
  /** rateLimits.enabled is false. */
  | "disabled";

export interface BucketReport {
  scope: Scope;
  kind: BucketKind;
  /** The stricter companion rate of a throttled user. */
  throttled: boolean;
  limit: number;
  windowMs: number;
  allowed: boolean;
  remaining: number;
  resetMs: number;
  retryAfterMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the tightest request rate (Infinity when no request rate applies). */
  remaining: number;
  /** Tokens left in the tightest token rate (Infinity when none applies). */
  remainingTokens: number;
  /** Until every rate that applied is full again, ms (for a block: until it ends). */
  resetMs: number;
  /**
   * When refused: wait this long before retrying (Infinity for "too-large"). 0 when allowed — except
   * after a charge that went past the allowance: until that debt is repaid.
   */
  retryAfterMs: number;
  reason: RateLimitReason;
  /** One sentence for logs and the caller. */
  message: string;
  buckets: BucketReport[];
  /** The store's error, when reason is "store-error". */
  error?: string;
}

export type Penalty = "none" | "throttle" | "block" | "escalate";

export interface ViolationResult {
  /** False when strikes are off, there is no user, or the store failed (see `error`). */
  recorded: boolean;
  strikes: StrikeState;
  /** The highest penalty now in force. */
  penalty: Penalty;
  /** This violation took the user over the escalation threshold (onEscalate has been called). */
  newlyEscalated: boolean;
  error?: string;
}

export interface EscalationNotice {
  userId: string;
  category: string;
  strikes: StrikeState;
}

export interface LimiterOptions {
  /** The policy's `rateLimits:` section (parsed or not). */
  config?: RateLimitsConfigInput;
  /** Default: a new in-memory store. */
  store?: RateLimitStore;
  /** Called when a user crosses the escalation threshold; awaited, and its errors propagate. */
  onEscalate?: (notice: EscalationNotice) => void | Promise<void>;
}

interface RateSpec {
  scope: Scope;
  kind: BucketKind;
  throttled: boolean;
  limit: number;
  windowMs: number;
  intervalMs: number;
  capacityMs: number;
}

const NO_STRIKES: StrikeState = { score: 0, count: 0, throttledForMs: 0, blockedForMs: 0, escalated: false };
/** A hint for callers refused because the store failed. */
const STORE_ERROR_RETRY_MS = 1_000;

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function penaltyOf(s: StrikeState): Penalty {
  if (s.escalated) return "escalate";
  if (s.blockedForMs > 0) return "block";
  if (s.throttledForMs > 0) return "throttle";
  return "none";
}

export class Limiter {
  readonly config: RateLimitsConfig;
  readonly store: RateLimitStore;
  private readonly onEscalate: LimiterOptions["onEscalate"];
  private readonly specs: Record<Scope, RateSpec[]>;

  constructor(options: LimiterOptions = {}) {
    this.config = RateLimitsConfigSchema.parse(options.config ?? {});
    this.store = options.store ?? new MemoryRateLimitStore();
    this.onEscalate = options.onEscalate;
    this.specs = { user: this.ratesFor("user"), key: this.ratesFor("key") };
  }

  /** Counts one request (and its tokens) against every rate that applies, if it fits them all. */
  check(req: LimitCheck): Promise<RateLimitResult> {
    return this.run(req, false);
  }

  /**
   * Charges usage known only afterwards (e.g. output tokens) whatever the remaining allowance: later
   * requests wait until it has refilled. A block does not apply. Only token rates are charged.
   */
  charge(req: Omit<LimitCheck, "text"> & { tokens: number }): Promise<RateLimitResult> {
    return this.run(req, true);
  }

  /** Adds strikes to a user for a violation (a block decision). Never throws for store failures. */
  async recordViolation(v: { userId?: string; category: string; weight?: number }): Promise<ViolationResult> {
    const s = this.config.strikes;
    if (!this.config.enabled || !s.enabled || v.userId === undefined)
      return { recorded: false, strikes: NO_STRIKES, penalty: "none", newlyEscalated: false };
    const params: StrikeParams = {
      weight: v.weight ?? s.weights[v.category] ?? s.defaultWeight,
      halfLifeMs: s.halfLifeMs,
      throttleAt: s.throttle?.at ?? -1,
      throttleForMs: s.throttle?.forMs ?? 0,
      blockAt: s.block?.at ?? -1,
      blockForMs: s.block?.forMs ?? 0,
      escalateAt: s.escalate?.at ?? -1,
    };
    let result;
    try {
      result = await this.store.strike(strikeKey(v.userId), params);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { recorded: false, strikes: NO_STRIKES, penalty: "none", newlyEscalated: false, error };
    }
    if (result.newlyEscalated && this.onEscalate)
      await this.onEscalate({ userId: v.userId, category: v.category, strikes: result.state });
    return {
      recorded: true,
      strikes: result.state,
      penalty: penaltyOf(result.state),
      newlyEscalated: result.newlyEscalated,
    };
  }

  /** A user's current strikes (store failures reject). */
  strikes(userId: string): Promise<StrikeState> {
    const s = this.config.strikes;
    return this.store.strikes(strikeKey(userId), s.halfLifeMs, s.escalate?.at ?? -1);
  }

  /** Forgives a user: strikes and their penalties are gone (rates are unaffected). */
  clearStrikes(userId: string): Promise<void> {
    return this.store.clearStrikes(strikeKey(userId));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private ratesFor(scope: Scope): RateSpec[] {
    const out: RateSpec[] = [];
    const throttle = this.config.strikes.enabled ? this.config.strikes.throttle : null;
    for (const kind of ["requests", "tokens"] as const) {
      const rate: Rate | null = this.config[scope][kind];
      if (!rate) continue;
      const burst = rate.burst ?? rate.limit;
      out.push(spec(scope, kind, false, rate.limit, rate.windowMs, burst));
      // A throttled user also meets a stricter companion rate, counted only while the throttle lasts.
      if (scope === "user" && throttle) {
        const limit = rate.limit * throttle.factor;
        out.push(
          spec(scope, kind, true, limit, rate.windowMs, Math.max(1, Math.floor(burst * throttle.factor))),
        );
      }
    }
    return out;
  }

  private async run(req: LimitCheck, force: boolean): Promise<RateLimitResult> {
    if (!this.config.enabled) return verdict(true, "disabled", "rate limits are off in this policy", []);
    const tokens = req.tokens ?? (req.text !== undefined ? estimateTokens(req.text) : 0);
    if (!Number.isFinite(tokens) || tokens < 0)
      throw new RangeError(`tokens must be a finite number ≥ 0, got ${tokens}`);

    const used: RateSpec[] = [];
    const buckets: BucketRequest[] = [];
    const ids: Array<[Scope, string | undefined]> = [
      ["user", req.userId],
      ["key", req.keyId],
    ];
    for (const [scope, id] of ids) {
      if (id === undefined) continue;
      for (const s of this.specs[scope]) {
        const cost = s.kind === "requests" ? (force ? 0 : 1) : tokens;
        if (cost === 0) continue;
        used.push(s);
        buckets.push({
          key: bucketKey(scope, id, s.kind, s.throttled),
          cost,
          intervalMs: s.intervalMs,
          capacityMs: s.capacityMs,
          throttledOnly: s.throttled,
        });
      }
    }
    // The strike record applies to charges too: a throttled user's stricter rates are charged as well.
    const withStrikes = req.userId !== undefined && this.config.strikes.enabled;
    if (buckets.length === 0 && !withStrikes) return verdict(true, "ok", "no rate applies", []);

    let res: StoreCheckResult;
    try {
      res = await this.store.check({
        ...(withStrikes ? { strikeKey: strikeKey(req.userId as string) } : {}),
        buckets,
        force,
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const open = this.config.onStoreError === "open";
      const r = verdict(
        open,
        "store-error",
        `${error}; ${open ? "allowed" : "refused"} (rateLimits.onStoreError: ${this.config.onStoreError})`,
        [],
      );
      if (!open) r.retryAfterMs = STORE_ERROR_RETRY_MS;
      r.error = error;
      return r;
    }
    return this.report(req, used, res);
  }

  private report(req: LimitCheck, used: RateSpec[], res: StoreCheckResult): RateLimitResult {
    const reports: BucketReport[] = [];
    used.forEach((s, i) => {
      const b = res.buckets[i];
      if (!b || b.skipped) return;
      const { allowed, remaining, resetMs, retryAfterMs } = b;
      reports.push({
        scope: s.scope,
        kind: s.kind,
        throttled: s.throttled,
        limit: s.limit,
        windowMs: s.windowMs,
        allowed,
        remaining,
        resetMs,
        retryAfterMs,
      });
    });
    if (res.blockedForMs > 0 && !res.allowed) {
      const r = verdict(
        false,
        "blocked",
        `user ${req.userId} is blocked after repeated violations; retry in ${seconds(res.blockedForMs)}`,
        reports,
      );
      r.retryAfterMs = r.resetMs = res.blockedForMs;
      return r;
    }
    const denied = reports.filter((b) => !b.allowed);
    let result: RateLimitResult;
    if (res.allowed) {
      result = verdict(true, "ok", "within every rate", reports);
      // 0 after a check; after a charge that went past the allowance, until that debt is repaid.
      result.retryAfterMs = Math.max(0, ...reports.map((b) => b.retryAfterMs));
    } else {
      const tooLarge = used.some((_, i) => res.buckets[i]?.tooLarge);
      const worst = denied.reduce(
        (a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a),
        denied[0] as BucketReport,
      );
      const reason: RateLimitReason = tooLarge
        ? "too-large"
        : denied.some((b) => !b.throttled)
          ? "limit"
          : "throttled";
      const who = worst.scope === "user" ? `user ${req.userId}` : `API key ${req.keyId}`;
      const rate = `${+worst.limit.toFixed(2)} ${worst.kind} per ${seconds(worst.windowMs)}${worst.throttled ? " (throttled after strikes)" : ""}`;
      const message = tooLarge
        ? `the request weighs more than ${who}'s whole allowance of ${rate}`
        : `${who} is over ${rate}; retry in ${seconds(worst.retryAfterMs)}`;
      result = verdict(false, reason, message, reports);
      result.retryAfterMs = Math.max(...denied.map((b) => b.retryAfterMs));
    }
    return result;
  }
}

function spec(
  scope: Scope,
  kind: BucketKind,
  throttled: boolean,
  limit: number,
  windowMs: number,
  burst: number,
): RateSpec {
  return { scope, kind, throttled, limit, windowMs, ...bucketParams(limit, windowMs, burst) };
}

function verdict(
  allowed: boolean,
  reason: RateLimitReason,
  message: string,
  buckets: BucketReport[],
): RateLimitResult {
  // One pass, no temporary arrays: this runs on every request the server proxies.
  let remaining = Number.POSITIVE_INFINITY;
  let remainingTokens = Number.POSITIVE_INFINITY;
  let resetMs = 0;
  for (const b of buckets) {
    if (b.kind === "requests") remaining = Math.min(remaining, b.remaining);
    else remainingTokens = Math.min(remainingTokens, b.remaining);
    resetMs = Math.max(resetMs, b.resetMs);
  }
  return { allowed, remaining, remainingTokens, resetMs, retryAfterMs: 0, reason, message, buckets };
}
