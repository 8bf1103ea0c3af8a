/**
 * Prometheus metrics (prom-client) for the guard and the audit trail: decisions by stage and action,
 * reasons by category, per-detector and whole-decision latency histograms, the audit queue's depth and
 * its losses, and incidents opened. One registry per MonitorMetrics, so an application can serve it
 * beside (or merged with) its own.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Decision } from "../guard/types.js";
import type { AuditWriterStats } from "./audit-writer.js";

export interface MonitorMetricsOptions {
  registry?: Registry;
  /** Metric name prefix (default "guardstack_"). */
  prefix?: string;
  /** Histogram buckets in seconds (default 25 µs … 2.5 s). */
  latencyBuckets?: number[];
}

const DEFAULT_BUCKETS = [
  0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** Keys of Decision.latencyMs that are not detectors. */
const NOT_DETECTORS = new Set(["total", "normalize"]);

type StatsSource = { stats(): AuditWriterStats };

/** The inner map under `key`, made on first use. */
function nested<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Map<string, V>()));
  return inner;
}

/**
 * Observations waiting to be handed to prom-client. prom-client hashes and validates the labels on every
 * call — microseconds per detector per decision — so the guard's path only appends to a typed array here;
 * the values reach prom-client when the registry is read, or between requests once many are waiting.
 */
class PendingValues {
  values = new Float64Array(64);
  n = 0;
  constructor(readonly labels: Record<string, string>) {}

  push(v: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = v;
  }
}

class PendingCount {
  count = 0;
  constructor(readonly labels: Record<string, string>) {}
}

/**
 * Observations waiting before a drain is scheduled (between requests, not on the guard's path). Small
 * enough that one drain is a fraction of a millisecond: a drain of 4096 stalled the event loop 2–5 ms.
 */
const DRAIN_AT = 1024;

export class MonitorMetrics {
  readonly registry: Registry;
  private readonly incidents: Counter<"rule">;
  private readonly writers: StatsSource[] = [];
  // stage -> action (-> category) -> count; stage -> detector -> values
  private readonly decisionCounts = new Map<string, Map<string, PendingCount>>();
  private readonly reasonCounts = new Map<string, Map<string, Map<string, PendingCount>>>();
  private readonly detectorValues = new Map<string, Map<string, PendingValues>>();
  private readonly decisionValues = new Map<string, PendingValues>();
  private readonly drainAll: () => void;
  private pending = 0;
  private drainScheduled = false;

  constructor(options: MonitorMetricsOptions = {}) {
    const registry = (this.registry = options.registry ?? new Registry());
    const p = options.prefix ?? "guardstack_";
    const buckets = options.latencyBuckets ?? DEFAULT_BUCKETS;
    const registers = [registry];
    const decisionCounts = this.decisionCounts;
    const reasonCounts = this.reasonCounts;
    const drainCounts = (counter: Counter<string>, pending: Iterable<PendingCount>) => {
      for (const c of pending)
        if (c.count > 0) {
          counter.inc(c.labels, c.count);
          c.count = 0;
        }
    };
    new Counter({
      name: `${p}decisions_total`,
      help: "Guard decisions by stage and action.",
      labelNames: ["stage", "action"],
      registers,
      collect() {
        for (const byAction of decisionCounts.values()) drainCounts(this, byAction.values());
      },
    });
    new Counter({
      name: `${p}decision_reasons_total`,
      help: "Reasons (categories at or over their rule's threshold) in guard decisions.",
      labelNames: ["stage", "action", "category"],
      registers,
      collect() {
        for (const byAction of reasonCounts.values())
          for (const byCategory of byAction.values()) drainCounts(this, byCategory.values());
      },
    });
    // One labelled child per drain. (prom-client 15 still validates and hashes the labels on every observe;
    // batching is what keeps that work off the request path: about half a millisecond per 1,024 values.)
    const drainValues = (h: Histogram<string>, pv: PendingValues) => {
      if (pv.n === 0) return;
      const child = h.labels(pv.labels);
      for (let i = 0; i < pv.n; i++) child.observe(pv.values[i] as number);
      pv.n = 0;
    };
    const detectorValues = this.detectorValues;
    const detectorLatency = new Histogram({
      name: `${p}detector_latency_seconds`,
      help: "Time each detector took on one text.",
      labelNames: ["detector", "stage"],
      buckets,
      registers,
      collect() {
        for (const byDetector of detectorValues.values())
          for (const pv of byDetector.values()) drainValues(this, pv);
      },
    });
    const decisionValues = this.decisionValues;
    const decisionLatency = new Histogram({
      name: `${p}decision_latency_seconds`,
      help: "Time the guard took for one decision, normalisation and every detector included.",
      labelNames: ["stage"],
      buckets,
      registers,
      collect() {
        for (const pv of decisionValues.values()) drainValues(this, pv);
      },
    });
    this.drainAll = () => {
      this.drainScheduled = false;
      this.pending = 0;
      for (const byDetector of detectorValues.values())
        for (const pv of byDetector.values()) drainValues(detectorLatency, pv);
      for (const pv of decisionValues.values()) drainValues(decisionLatency, pv);
    };
    this.incidents = new Counter({
      name: `${p}incidents_opened_total`,
      help: "Incidents opened, by rule.",
      labelNames: ["rule"],
      registers,
    });
    const writers = this.writers;
    const sum = (f: (s: AuditWriterStats) => number) => writers.reduce((n, w) => n + f(w.stats()), 0);
    new Gauge({
      name: `${p}audit_queue_depth`,
      help: "Audit events waiting to be written.",
      registers,
      collect() {
        this.set(sum((s) => s.queued));
      },
    });
    new Gauge({
      name: `${p}audit_store_up`,
      help: "1 when the audit store accepted the last write, 0 while it fails.",
      registers,
      collect() {
        this.set(writers.every((w) => w.stats().storeUp) ? 1 : 0);
      },
    });
    const mirrored = (name: string, help: string, f: (s: AuditWriterStats) => number) => {
      let seen = 0;
      new Counter({
        name: `${p}${name}`,
        help,
        registers,
        collect() {
          const now = sum(f);
          if (now > seen) this.inc(now - seen);
          seen = Math.max(seen, now);
        },
      });
    };
    mirrored(
      "audit_dropped_events_total",
      "Audit events dropped because the queue was full.",
      (s) => s.dropped,
    );
    mirrored("audit_rejected_events_total", "Audit events the database refused as data.", (s) => s.rejected);
    mirrored("audit_written_events_total", "Audit events committed to the store.", (s) => s.written);
    mirrored("audit_store_errors_total", "Failed writes to the audit store.", (s) => s.storeErrors);
  }

  /**
   * Counts one decision and records its latencies: map lookups on the stage, action and detector names
   * (no string building) and typed-array writes; no prom-client call.
   */
  observeDecision(d: Decision): void {
    const byAction = nested(this.decisionCounts, d.stage);
    let dc = byAction.get(d.action);
    if (!dc) byAction.set(d.action, (dc = new PendingCount({ stage: d.stage, action: d.action })));
    dc.count++;
    if (d.reasons.length > 0) {
      const byCategory = nested(nested(this.reasonCounts, d.stage), d.action);
      for (const r of d.reasons) {
        let cc = byCategory.get(r.category);
        if (!cc)
          byCategory.set(
            r.category,
            (cc = new PendingCount({ stage: d.stage, action: d.action, category: r.category })),
          );
        cc.count++;
      }
    }
    const byDetector = nested(this.detectorValues, d.stage);
    for (const name in d.latencyMs) {
      const seconds = (d.latencyMs[name] as number) / 1000;
      if (name === "total") {
        let sv = this.decisionValues.get(d.stage);
        if (!sv) this.decisionValues.set(d.stage, (sv = new PendingValues({ stage: d.stage })));
        sv.push(seconds);
        continue;
      }
      if (NOT_DETECTORS.has(name)) continue;
      let hv = byDetector.get(name);
      if (!hv) byDetector.set(name, (hv = new PendingValues({ detector: name, stage: d.stage })));
      hv.push(seconds);
      this.pending++;
    }
    if (this.pending >= DRAIN_AT && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(this.drainAll).unref();
    }
  }

  /** Reports this writer's queue depth, drops, rejections, writes and errors. */
  watchWriter(writer: StatsSource): void {
    this.writers.push(writer);
  }

  incidentOpened(rule: string): void {
    this.incidents.labels(rule).inc();
  }

  /** The exposition text for a /metrics endpoint. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
