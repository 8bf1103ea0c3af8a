/**
 * Announces incidents to a webhook: POST of JSON, each attempt bounded by a timeout, retried with
 * doubling backoff on network errors, timeouts, 408, 429 and 5xx. `notify()` returns at once; at most
 * `maxPending` announcements wait, more are dropped and counted, so a dead endpoint costs bounded memory.
 */
import { WebhookSettings, type WebhookSettingsInput, type WebhookSettingsT } from "../config.js";

export interface WebhookStats {
  sent: number;
  failed: number;
  dropped: number;
  pending: number;
  attempts: number;
  lastError?: string;
}

export interface WebhookNotifierOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onFailed?: (error: string, payload: unknown) => void;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

function retriable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export class WebhookNotifier {
  readonly settings: WebhookSettingsT;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onFailed: ((error: string, payload: unknown) => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counts: WebhookStats = { sent: 0, failed: 0, dropped: 0, pending: 0, attempts: 0 };

  constructor(settings: WebhookSettingsInput, options: WebhookNotifierOptions = {}) {
    this.settings = WebhookSettings.parse(settings);
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.onFailed = options.onFailed;
  }

  /** Queues one announcement; false when it was dropped (too many pending). */
  notify(payload: unknown): boolean {
    if (this.inFlight.size >= this.settings.maxPending) {
      this.counts.dropped++;
      return false;
    }
    const p: Promise<void> = this.deliver(payload).finally(() => {
      this.inFlight.delete(p);
    });
    this.inFlight.add(p);
    return true;
  }

  /** Resolves when every queued announcement is delivered or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stats(): WebhookStats {
    return { ...this.counts, pending: this.inFlight.size };
  }

  private async deliver(payload: unknown): Promise<void> {
    const body = JSON.stringify(payload);
    const { url, timeoutMs, retries, backoffMs, headers } = this.settings;
    let error = "";
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await this.sleep(backoffMs * 2 ** (attempt - 1));
      this.counts.attempts++;
      try {
        const res = await this.fetchFn(url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "guardstack-monitor", ...headers },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel().catch(() => undefined);
        if (res.ok) {
          this.counts.sent++;
          return;
        }
        error = `HTTP ${res.status}`;
        if (!retriable(res.status)) break;
      } catch (err) {
        const e = err as Error;
        error = e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : e.message;
      }
    }
    this.counts.failed++;
    // The origin only: webhook paths often carry a secret token.
    this.counts.lastError = `${new URL(url).origin}: ${error}`;
    try {
      this.onFailed?.(this.counts.lastError, payload);
    } catch {
      // the callback's own problem
    }
  }
}
