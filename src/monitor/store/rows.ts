/** Converting audit events to rows and back; every string is made safe for both databases. */
import type { Insertable, Selectable } from "kysely";
import type { DecisionAction } from "../../guard/types.js";
import type { Stage } from "../../policy/stages.js";
import type { AuditEvent, AuditReason } from "../types.js";
import type { AuditEventCategoriesTable, AuditEventsTable } from "./schema.js";

/** Postgres text cannot hold U+0000 (it rejects the whole batch); it becomes U+FFFD in both stores. */
export function dbText(s: string): string {
  return s.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s;
}

function dbTextOrNull(s: string | undefined): string | null {
  return s === undefined ? null : dbText(s);
}

export function toEventRow(e: AuditEvent): Insertable<AuditEventsTable> {
  return {
    id: e.id,
    ts: e.time,
    stage: e.stage,
    action: e.action,
    layer: dbText(e.layer),
    categories: JSON.stringify(e.categories),
    reasons: JSON.stringify(e.reasons),
    latency_ms: e.latencyMs,
    failures: e.failures,
    user_id: dbTextOrNull(e.userId),
    session_id: dbTextOrNull(e.sessionId),
    key_id: dbTextOrNull(e.keyId),
    policy_name: dbText(e.policy.name),
    policy_version: dbText(e.policy.version),
    text: dbText(e.text),
    text_hash: e.textHash,
    raw_text: dbTextOrNull(e.rawText),
    text_chars: e.textChars,
    text_truncated: e.textTruncated ? 1 : 0,
  };
}

export function toCategoryRows(e: AuditEvent): Array<Insertable<AuditEventCategoriesTable>> {
  const reasons = new Set(e.reasons.map((r) => r.category));
  return Object.entries(e.categories).map(([category, score]) => ({
    event_id: e.id,
    category: dbText(category),
    score,
    reason: reasons.has(category) ? 1 : 0,
    ts: e.time,
  }));
}

export function fromEventRow(r: Selectable<AuditEventsTable>): AuditEvent {
  const e: AuditEvent = {
    id: r.id,
    time: Number(r.ts),
    stage: r.stage as Stage,
    action: r.action as DecisionAction,
    layer: r.layer,
    categories: JSON.parse(r.categories) as Record<string, number>,
    reasons: JSON.parse(r.reasons) as AuditReason[],
    latencyMs: Number(r.latency_ms),
    failures: Number(r.failures),
    policy: { name: r.policy_name, version: r.policy_version },
    text: r.text,
    textHash: r.text_hash,
    textChars: Number(r.text_chars),
    textTruncated: Number(r.text_truncated) === 1,
  };
  if (r.user_id !== null) e.userId = r.user_id;
  if (r.session_id !== null) e.sessionId = r.session_id;
  if (r.key_id !== null) e.keyId = r.key_id;
  if (r.raw_text !== null) e.rawText = r.raw_text;
  return e;
}
