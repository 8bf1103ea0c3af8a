/**
 * Is the upstream reachable? One GET of its model list (any HTTP answer counts: the server is up),
 * with a short timeout, cached for a few seconds so a busy /healthz does not hammer the upstream;
 * concurrent callers share one probe.
 */
import type { ProviderConfig } from "../../providers/from-config.js";
import { connectionReason } from "../../providers/errors.js";
import { upstreamEndpoint, type UpstreamEndpoint } from "./endpoint.js";

export interface UpstreamStatus {
  /** True when the upstream answered (or has no network endpoint, e.g. replay). */
  reachable: boolean;
  /** "http" when probed over the network, "local" for providers without an endpoint, "custom" for an injected provider. */
  via: "http" | "local" | "custom";
  /** The HTTP status of the probe, when it got one. */
  status?: number;
  /** Why it is unreachable. */
  error?: string;
  checkedAt: string;
}

export class UpstreamProbe {
  private readonly endpoint: UpstreamEndpoint | undefined;
  private cached: { at: number; status: UpstreamStatus } | undefined;
  private pending: Promise<UpstreamStatus> | undefined;

  constructor(
    cfg: ProviderConfig,
    private readonly custom: boolean,
    private readonly ttlMs = 5_000,
    private readonly timeoutMs = 2_000,
  ) {
    this.endpoint = custom ? undefined : upstreamEndpoint(cfg);
  }

  async status(): Promise<UpstreamStatus> {
    if (!this.endpoint)
      return { reachable: true, via: this.custom ? "custom" : "local", checkedAt: new Date().toISOString() };
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.status;
    this.pending ??= this.probe(this.endpoint).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async probe(ep: UpstreamEndpoint): Promise<UpstreamStatus> {
    const checkedAt = new Date().toISOString();
    let status: UpstreamStatus;
    try {
      const res = await fetch(ep.modelsURL, {
        headers: ep.headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      status = { reachable: true, via: "http", status: res.status, checkedAt };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      status = {
        reachable: false,
        via: "http",
        error: timedOut ? `no answer within ${this.timeoutMs} ms` : connectionReason(err),
        checkedAt,
      };
    }
    this.cached = { at: Date.now(), status };
    return status;
  }
}
