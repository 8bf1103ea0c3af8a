/**
 * Everything monitoring, wired: one database (SQLite file or Postgres URL), the audit writer on it, the
 * incident engine fed by every committed batch (and checking for spikes on a timer), the review queue's
 * SQL store, metrics, and retention by age. `attach(guard)` returns the guard with auditing and metrics;
 * `close()` flushes and stops everything.
 */
import type { Guard } from "../guard/create-guard.js";
import { AuditWriter, type AuditWriterOptions } from "./audit-writer.js";
import { auditSettingsOf, type IncidentRulesSettingsInput, type WebhookSettingsInput } from "./config.js";
import { IncidentEngine } from "./incidents/engine.js";
import { IncidentStore } from "./incidents/incident-store.js";
import { WebhookNotifier } from "./incidents/webhook.js";
import { MonitorMetrics } from "./metrics.js";
import { SqlEscalationStore } from "./review/sql-escalation-store.js";
import { AuditStore } from "./store/audit-store.js";
import { openMonitorDb, type MonitorDb, type OpenMonitorDbOptions } from "./store/connect.js";
import { startRetention, type RetentionTimer } from "./store/retention.js";
import { withAudit, type WithAuditOptions } from "./with-audit.js";

export interface MonitorOptions {
  /** A SQLite file (default .guardstack/guardstack.db) or a postgres:// URL. */
  db?: string;
  dbOptions?: OpenMonitorDbOptions;
  writer?: Omit<AuditWriterOptions, "store">;
  rules?: IncidentRulesSettingsInput;
  /** Announce new incidents here. */
  webhook?: WebhookSettingsInput;
  /** A metrics registry to report into (default: a new one). */
  metrics?: MonitorMetrics;
  /** Days events are kept (default 30, or less when an attached guard's policy says so). */
  retentionDays?: number;
  /** How often to prune and to check for spikes (defaults: hourly; rules.spike.intervalMinutes). */
  retentionIntervalMs?: number;
  /** Told of background failures (store down, engine errors, webhook gave up). */
  onError?: (message: string) => void;
}

export interface Monitor {
  readonly db: MonitorDb;
  readonly audit: AuditStore;
  readonly writer: AuditWriter;
  readonly incidents: IncidentStore;
  readonly engine: IncidentEngine;
  readonly review: SqlEscalationStore;
  readonly metrics: MonitorMetrics;
  readonly webhook: WebhookNotifier | undefined;
  /** The guard with every decision audited and counted. */
  attach(guard: Guard, options?: WithAuditOptions): Guard;
  /** Prunes by the retention period now (it also runs at start and on a timer); returns how many went. */
  prune(): Promise<number>;
  close(): Promise<void>;
}

export async function createMonitor(options: MonitorOptions = {}): Promise<Monitor> {
  const db = await openMonitorDb(options.db, options.dbOptions);
  const report = (message: string) => options.onError?.(message);
  const audit = new AuditStore(db);
  const writer = new AuditWriter({
    onStoreDown: (err) =>
      report(`audit store unavailable, buffering: ${err instanceof Error ? err.message : String(err)}`),
    onStoreUp: () => report("audit store available again"),
    ...options.writer,
    store: audit,
  });
  const incidents = new IncidentStore(db);
  const metrics = options.metrics ?? new MonitorMetrics();
  metrics.watchWriter(writer);
  const webhook = options.webhook
    ? new WebhookNotifier(options.webhook, { onFailed: (e) => report(`incident webhook failed: ${e}`) })
    : undefined;
  const engine = new IncidentEngine({
    audit,
    incidents,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(webhook ? { webhook } : {}),
    onOpened: (i) => metrics.incidentOpened(i.rule),
    onError: (err) => report(`incident rules failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  const detach = engine.attach(writer);
  engine.start();

  let retentionDays = options.retentionDays ?? 30;
  let retention: RetentionTimer | undefined;
  const startPruning = () => {
    retention?.stop();
    retention = startRetention(audit, {
      retentionDays,
      ...(options.retentionIntervalMs !== undefined ? { intervalMs: options.retentionIntervalMs } : {}),
      onError: (err) => report(`audit retention failed: ${err instanceof Error ? err.message : String(err)}`),
    });
  };
  startPruning();

  return {
    db,
    audit,
    writer,
    incidents,
    engine,
    review: new SqlEscalationStore(db),
    metrics,
    webhook,
    attach(guard, attachOptions = {}) {
      const days = auditSettingsOf(guard.policy, attachOptions.settings).retentionDays;
      if (days < retentionDays) {
        retentionDays = days;
        startPruning();
      }
      return withAudit(guard, writer, {
        ...attachOptions,
        observers: [...(attachOptions.observers ?? []), metrics],
      });
    },
    prune: () => (retention as RetentionTimer).runNow(),
    async close() {
      retention?.stop();
      engine.stop();
      await writer.close();
      detach();
      await engine.idle();
      await webhook?.idle();
      await db.close();
    },
  };
}
