/**
 * The server's Prometheus metrics, on one registry: the guard's own (decisions by stage, action and
 * category, detector and decision latency — from MonitorMetrics) plus HTTP request latency, requests
 * in flight, upstream errors and rate-limit refusals.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Decision } from "../../guard/types.js";
import { MonitorMetrics } from "../../monitor/metrics.js";

/** Routes get their own label; anything else is "other", so a scanner cannot blow up the label set. */
export const ROUTES = new Set(["/v1/chat/completions", "/v1/guard", "/v1/models", "/healthz", "/metrics"]);

const REQUEST_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

export interface ServerMetricsOptions {
  registry?: Registry;
  /** Also export the Node process metrics (CPU, memory, event loop lag). Default true. */
  processMetrics?: boolean;
}

export class ServerMetrics {
  readonly registry: Registry;
  readonly guard: MonitorMetrics;
  private readonly requestLatency: Histogram<"route" | "method" | "status">;
  private readonly upstreamErrors: Counter<"kind">;
  private readonly rateLimited: Counter<"reason">;
  private readonly streamsBlocked: Counter<"stage">;
  readonly inFlight: Gauge;

  constructor(options: ServerMetricsOptions = {}) {
    const registry = (this.registry = options.registry ?? new Registry());
    const registers = [registry];
    this.guard = new MonitorMetrics({ registry });
    this.requestLatency = new Histogram({
      name: "guardstack_http_request_duration_seconds",
      help: "HTTP requests from arrival to the last byte of the response (streams included), by route and status.",
      labelNames: ["route", "method", "status"],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.upstreamErrors = new Counter({
      name: "guardstack_upstream_errors_total",
      help: "Failed calls to the upstream model, by kind (timeout, unreachable, bad-response, auth, rate-limit, upstream).",
      labelNames: ["kind"],
      registers,
    });
    this.rateLimited = new Counter({
      name: "guardstack_rate_limited_total",
      help: "Requests refused by the rate limiter, by reason.",
      labelNames: ["reason"],
      registers,
    });
    this.streamsBlocked = new Counter({
      name: "guardstack_streams_cut_total",
      help: "Streamed responses ended early by the guard (a violation, or an error that failed closed).",
      labelNames: ["stage"],
      registers,
    });
    this.inFlight = new Gauge({
      name: "guardstack_http_requests_in_flight",
      help: "HTTP requests being handled now.",
      registers,
    });
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: registry, prefix: "guardstack_" });
  }

  observeDecision(decision: Decision): void {
    this.guard.observeDecision(decision);
  }

  observeRequest(path: string, method: string, status: number, seconds: number): void {
    const route = ROUTES.has(path) ? path : "other";
    this.requestLatency.labels(route, method, String(status)).observe(seconds);
  }

  upstreamError(kind: string): void {
    this.upstreamErrors.labels(kind).inc();
  }

  rateLimit(reason: string): void {
    this.rateLimited.labels(reason).inc();
  }

  streamCut(stage: string): void {
    this.streamsBlocked.labels(stage).inc();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
