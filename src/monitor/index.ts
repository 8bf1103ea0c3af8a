/**
 * Monitoring: the audit trail (every decision, redacted, in SQLite or Postgres), incidents opened by
 * rules and worked by people, the review queue's SQL store, Prometheus metrics and OpenTelemetry spans.
 */
export {
  AuditSettings,
  IncidentRulesSettings,
  WebhookSettings,
  SevereCategoryRule,
  auditSettingsOf,
  type AuditSettingsT,
  type AuditSettingsInput,
  type IncidentRulesSettingsT,
  type IncidentRulesSettingsInput,
  type WebhookSettingsT,
  type WebhookSettingsInput,
} from "./config.js";
export type { AuditEvent, AuditQuery, AuditReason } from "./types.js";
export { buildAuditEvent, textHash, type AuditInput } from "./audit-event.js";
export { createAuditRedactor, type AuditRedactor, type AuditRedactorOptions } from "./redactor.js";
export {
  AuditWriter,
  isDataError,
  type AuditSink,
  type AuditWriterOptions,
  type AuditWriterStats,
} from "./audit-writer.js";
export {
  withAudit,
  type AuditCheckContext,
  type DecisionObserver,
  type WithAuditOptions,
} from "./with-audit.js";
export { MonitorMetrics, type MonitorMetricsOptions } from "./metrics.js";
export { withTracing, type WithTracingOptions } from "./tracing.js";
export { newEventId } from "./event-id.js";
export {
  openMonitorDb,
  isPostgresUrl,
  maskUrl,
  DEFAULT_MONITOR_DB,
  type MonitorDb,
  type MonitorDialect,
  type OpenMonitorDbOptions,
} from "./store/connect.js";
export { AuditStore } from "./store/audit-store.js";
export { startRetention, type RetentionOptions, type RetentionTimer } from "./store/retention.js";
export { MONITOR_MIGRATIONS } from "./store/migrations.js";
export type { MonitorDatabase } from "./store/schema.js";
export { IncidentStore, type ReviewerInput } from "./incidents/incident-store.js";
export { IncidentEngine, type IncidentEngineOptions, type IncidentEngineStats } from "./incidents/engine.js";
export { WebhookNotifier, type WebhookNotifierOptions, type WebhookStats } from "./incidents/webhook.js";
export { poissonUpperTail } from "./incidents/poisson.js";
export {
  incidentsToSuite,
  normalizedTextHash,
  type IncidentSuite,
  type IncidentSuiteOptions,
} from "./incidents/export-suite.js";
export {
  INCIDENT_STATUSES,
  INCIDENT_SEVERITIES,
  IncidentError,
  type Incident,
  type IncidentHistoryEntry,
  type IncidentListQuery,
  type IncidentSeverity,
  type IncidentStatus,
  type NewIncident,
} from "./incidents/types.js";
export { SqlEscalationStore } from "./review/sql-escalation-store.js";
export { createMonitor, type Monitor, type MonitorOptions } from "./monitor.js";
