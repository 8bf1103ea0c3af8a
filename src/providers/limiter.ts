/**
 * Concurrency limiting and retrying for provider calls.
 *
 * Who retries what:
 * - The OpenAI and Anthropic SDKs retry their own HTTP requests (connection errors, timeouts, 408, 409,
 *   429, 5xx, honouring `retry-after`), including the request that opens a stream; the adapters pass
 *   `maxRetries` to the SDK and do not retry again on top (that would multiply attempts).
 * - Nobody retries a stream once it has started delivering: the caller has already seen part of it.
 * - `withRetries` below retries everything else — function and replay providers, and callers such as the
 *   eval runner that want a retry around a whole call — on retryable ProviderErrors only.
 */
import { ProviderError } from "./types.js";

export interface Limiter {
  /** Runs `fn` once a slot is free; the slot is held until its promise settles. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Waits for a slot and returns its release function (for work, like a stream, that outlives one promise). */
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly pending: number;
}

/** Rejects with the signal's own reason, as fetch does (usually an Error; typed so for the lint rule). */
/** The caller's abort reason, thrown as it is (as fetch does); typed Error for the lint rules. */
export function abortReason(signal: AbortSignal): Error {
  return (signal.reason ?? new DOMException("The operation was aborted.", "AbortError")) as Error;
}

/** A FIFO limiter allowing at most `concurrency` holders at once (Infinity: no limit). */
export function createLimiter(concurrency: number): Limiter {
  if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
  let active = 0;
  const waiting: Array<() => void> = [];

  function releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else active--;
    };
  }

  function acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (active < concurrency) {
      active++;
      return Promise.resolve(releaser());
    }
    return new Promise((resolve, reject) => {
      // The slot is handed over directly from the releasing holder, so `active` stays unchanged.
      const grant = (): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve(releaser());
      };
      const onAbort = (): void => {
        const at = waiting.indexOf(grant);
        if (at >= 0) waiting.splice(at, 1);
        reject(abortReason(signal!));
      };
      waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  return {
    acquire,
    async run(fn, signal) {
      const release = await acquire(signal);
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get pending() {
      return waiting.length;
    },
  };
}

export interface RetryOptions {
  /** Retries after the first attempt (0: none). */
  retries: number;
  /** First backoff in ms; doubles each retry. Default 250. */
  baseDelayMs?: number;
  /** Backoff ceiling in ms. Default 8000. */
  maxDelayMs?: number;
  /** Which failures to retry; default `isRetryable`. */
  retryable?: (err: unknown) => boolean;
  signal?: AbortSignal;
  /** Called before each wait, e.g. for logging. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Connection refused, timeouts, 429 and 5xx are worth another try; auth and bad requests are not. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ProviderError)) return false;
  if (err.kind === "unreachable" || err.kind === "timeout" || err.kind === "rate-limit") return true;
  return err.kind === "upstream" && err.status !== undefined && (err.status >= 500 || err.status === 408);
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
export function backoffDelay(
  retry: number,
  baseDelayMs = 250,
  maxDelayMs = 8000,
  random = Math.random,
): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/** Waits ms, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Calls `fn` (given the attempt number, from 0) until it succeeds, fails unretryably, or retries run out. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const retryable = options.retryable ?? isRetryable;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= options.retries || !retryable(err) || options.signal?.aborted) throw err;
      const delay = backoffDelay(attempt, options.baseDelayMs, options.maxDelayMs);
      options.onRetry?.(err, attempt + 1, delay);
      await sleep(delay, options.signal);
    }
  }
}
