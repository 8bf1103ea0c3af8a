/**
 * Failed sign-ins per client address: at most `maxFailures` in any `windowMs` (5 per 15 minutes by
 * default); beyond that the address is refused — before the password is even checked — until its oldest
 * failure leaves the window. A success clears the address's record.
 *
 * Why not the rate Limiter (guard/limits): a Limiter check always spends from the allowance, and there is
 * no refund, so it cannot count failures only while refusing before verification. This keeps the last
 * `maxFailures` times per address (a few numbers each), and at most `maxTracked` addresses (oldest
 * forgotten first), so a flood of addresses cannot grow it without bound.
 */

export interface LoginThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  maxTracked?: number;
  clock?: () => number;
}

export const DEFAULT_LOGIN_FAILURES = 5;
export const DEFAULT_LOGIN_WINDOW_MS = 15 * 60_000;

export class LoginThrottle {
  readonly maxFailures: number;
  readonly windowMs: number;
  private readonly maxTracked: number;
  private readonly clock: () => number;
  /** Address -> times of its recent failures, oldest first. Map order: least recently failed first. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? DEFAULT_LOGIN_FAILURES;
    this.windowMs = options.windowMs ?? DEFAULT_LOGIN_WINDOW_MS;
    this.maxTracked = options.maxTracked ?? 10_000;
    this.clock = options.clock ?? Date.now;
    if (!(this.maxFailures >= 1 && this.windowMs > 0))
      throw new RangeError("maxFailures ≥ 1 and windowMs > 0");
  }

  private recent(address: string, now: number): number[] {
    const times = this.failures.get(address);
    if (!times) return [];
    const kept = times.filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(address);
    else if (kept.length !== times.length) this.failures.set(address, kept);
    return kept;
  }

  /** 0 when the address may try; otherwise how long until it may (ms). */
  retryAfterMs(address: string): number {
    const now = this.clock();
    const times = this.recent(address, now);
    if (times.length < this.maxFailures) return 0;
    const oldest = times[times.length - this.maxFailures] as number;
    return Math.max(1, oldest + this.windowMs - now);
  }

  /** Records a failed attempt. */
  fail(address: string): void {
    const now = this.clock();
    const times = this.recent(address, now);
    times.push(now);
    if (times.length > this.maxFailures) times.splice(0, times.length - this.maxFailures);
    this.failures.delete(address); // re-insert: most recent last
    this.failures.set(address, times);
    while (this.failures.size > this.maxTracked) {
      const first = this.failures.keys().next().value as string;
      this.failures.delete(first);
    }
  }

  /** A successful sign-in forgives the address. */
  succeed(address: string): void {
    this.failures.delete(address);
  }

  /** Failures in the window for this address. */
  count(address: string): number {
    return this.recent(address, this.clock()).length;
  }
}
