/**
 * The monitoring tables (Kysely types), one schema for SQLite and Postgres. Times are epoch
 * milliseconds in `bigint` columns (Postgres returns int8 as a string, so readers pass them through
 * Number()); flags are integers 0/1 (SQLite has no boolean); lists and maps are JSON text. Escalation
 * rows keep the queue's own shape (ISO times) column for column. Names carry prefixes so the file can be
 * shared with the eval store (`eval_*`).
 */
import type { ColumnType } from "kysely";

/** Written as a number; read as a number (SQLite) or a numeric string (Postgres int8). */
export type Millis = ColumnType<number | string, number, number>;

export interface AuditEventsTable {
  id: string;
  ts: Millis;
  stage: string;
  action: string;
  layer: string;
  /** JSON object: category -> highest score among all findings. */
  categories: string;
  /** JSON array of the reasons: { detector, category, label?, score }. */
  reasons: string;
  latency_ms: number;
  failures: number;
  user_id: string | null;
  session_id: string | null;
  key_id: string | null;
  policy_name: string;
  policy_version: string;
  /** Redacted text (PII and secrets replaced by placeholders), cut to maxStoredChars. */
  text: string;
  /** Salted SHA-256 of the raw text (hex, 32 chars): groups repeats without keeping them. */
  text_hash: string;
  /** The unredacted text, only when the policy sets audit.storeRawText. */
  raw_text: string | null;
  text_chars: number;
  text_truncated: number;
}

export interface AuditEventCategoriesTable {
  event_id: string;
  category: string;
  score: number;
  /** 1 when the category is among the decision's reasons. */
  reason: number;
  ts: Millis;
}

export interface MonitorMetaTable {
  key: string;
  value: string;
}

export interface IncidentsTable {
  id: string;
  /** Events that match an open incident's key join it instead of opening another. */
  dedupe_key: string;
  rule: string;
  title: string;
  severity: string;
  status: string;
  owner: string | null;
  opened_at: Millis;
  updated_at: Millis;
  resolved_at: Millis | null;
  event_count: number;
  last_event_at: Millis;
  /** JSON object: what the rule saw (category, user, counts, p-value, ...). */
  details: string;
}

export interface IncidentEventsTable {
  incident_id: string;
  event_id: string;
  added_at: Millis;
}

export interface IncidentHistoryTable {
  id: string;
  incident_id: string;
  seq: number;
  at: Millis;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

export interface EscalationsTable {
  id: string;
  status: string;
  stage: string;
  text: string;
  decision: string;
  user_id: string | null;
  session_id: string | null;
  created_at: string;
  updated_at: string;
  reviewer: string | null;
  note: string | null;
  flagged: number;
  /** Queue order: microseconds since the epoch, made strictly increasing within a process. */
  queued_seq: Millis;
}

export interface EscalationEventsTable {
  id: string;
  item_id: string;
  /** Order within the item's trail. */
  seq: number;
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface MonitorDatabase {
  audit_events: AuditEventsTable;
  audit_event_categories: AuditEventCategoriesTable;
  monitor_meta: MonitorMetaTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  incident_history: IncidentHistoryTable;
  review_escalations: EscalationsTable;
  review_escalation_events: EscalationEventsTable;
}
