import { describe, expect, it } from "vitest";
import { backoffDelay, createLimiter, isRetryable, withRetries } from "./limiter.js";
import { ProviderError } from "./types.js";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("createLimiter", () => {
  it("runs at most `concurrency` tasks at once, in FIFO order", async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limiter.run(async () => {
          order.push(i);
          active++;
          peak = Math.max(peak, active);
          await tick();
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.active).toBe(0);
  });

  it("frees the slot when a task fails", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await limiter.run(() => Promise.resolve(7))).toBe(7);
  });

  it("hands out release functions that are safe to call twice", async () => {
    const limiter = createLimiter(1);
    const release = await limiter.acquire();
    const second = limiter.acquire();
    expect(limiter.pending).toBe(1);
    release();
    release();
    const releaseSecond = await second;
    expect(limiter.active).toBe(1);
    releaseSecond();
    expect(limiter.active).toBe(0);
  });

  it("drops a queued waiter whose signal aborts", async () => {
    const limiter = createLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    expect(limiter.pending).toBe(0);
    release();
    expect(limiter.active).toBe(0);
  });

  it("rejects a nonsensical concurrency", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe("retries", () => {
  it("classifies retryable failures", () => {
    expect(isRetryable(new ProviderError("x", "unreachable"))).toBe(true);
    expect(isRetryable(new ProviderError("x", "timeout"))).toBe(true);
    expect(isRetryable(new ProviderError("x", "rate-limit", 429))).toBe(true);
    expect(isRetryable(new ProviderError("x", "upstream", 502))).toBe(true);
    expect(isRetryable(new ProviderError("x", "upstream", 400))).toBe(false);
    expect(isRetryable(new ProviderError("x", "auth", 401))).toBe(false);
    expect(isRetryable(new ProviderError("x", "bad-response"))).toBe(false);
    expect(isRetryable(new Error("plain"))).toBe(false);
  });

  it("backs off exponentially with bounded jitter", () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelay(20, 100, 1000, () => 1)).toBe(1000);
  });

  it("retries until success, counting attempts", async () => {
    const attempts: number[] = [];
    const result = await withRetries(
      (attempt) => {
        attempts.push(attempt);
        return attempt < 2 ? Promise.reject(new ProviderError("down", "unreachable")) : Promise.resolve("up");
      },
      { retries: 5, baseDelayMs: 1 },
    );
    expect(result).toBe("up");
    expect(attempts).toEqual([0, 1, 2]);
  });

  it("gives up after `retries` and rethrows the last failure", async () => {
    let calls = 0;
    const retried: number[] = [];
    await expect(
      withRetries(
        () => {
          calls++;
          return Promise.reject(new ProviderError(`fail ${calls}`, "timeout"));
        },
        { retries: 2, baseDelayMs: 1, onRetry: (_e, n) => retried.push(n) },
      ),
    ).rejects.toThrow("fail 3");
    expect(retried).toEqual([1, 2]);
  });

  it("stops waiting when aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = withRetries(() => Promise.reject(new ProviderError("down", "unreachable")), {
      retries: 5,
      baseDelayMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(run).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
