/**
 * Finding events: the audit store's filters plus a text search over the stored (redacted) text —
 * LIKE with the user's text escaped, so `%` and `_` mean themselves; case-insensitive (ILIKE on Postgres;
 * SQLite's LIKE folds ASCII letters). Newest first, paged, with the total and a histogram of the matches
 * over time.
 */
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { MonitorDb } from "../../../monitor/store/connect.js";
import { fromEventRow } from "../../../monitor/store/rows.js";
import type { MonitorDatabase } from "../../../monitor/store/schema.js";
import type { AuditEvent } from "../../../monitor/types.js";
import type { EventFilter } from "./event-filter.js";

export const PAGE_SIZE = 50;

const LIKE_SPECIAL = /[\\%_]/g;
export const PATTERNS: readonly RegExp[] = [LIKE_SPECIAL];

/** `%text%` with LIKE's wildcards and the escape character escaped (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(LIKE_SPECIAL, (c) => `\\${c}`)}%`;
}

type EventsQuery = SelectQueryBuilder<MonitorDatabase, "audit_events", object>;

function applyFilter(mdb: MonitorDb, f: EventFilter): EventsQuery {
  let q = mdb.db.selectFrom("audit_events") as EventsQuery;
  if (f.since !== undefined) q = q.where("ts", ">=", f.since);
  if (f.until !== undefined) q = q.where("ts", "<", f.until);
  if (f.stage !== undefined) q = q.where("stage", "=", f.stage);
  if (f.action !== undefined) q = q.where("action", "=", f.action);
  if (f.userId !== undefined) q = q.where("user_id", "=", f.userId);
  if (f.sessionId !== undefined) q = q.where("session_id", "=", f.sessionId);
  if (f.textHash !== undefined) q = q.where("text_hash", "=", f.textHash);
  if (f.category !== undefined) {
    const category = f.category;
    q = q.where("id", "in", (eb) =>
      eb
        .selectFrom("audit_event_categories")
        .select("event_id")
        .where("category", "=", category)
        .where("reason", "=", 1),
    );
  }
  if (f.q !== undefined) {
    const pattern = likePattern(f.q);
    const op = mdb.dialect === "postgres" ? sql.raw("ilike") : sql.raw("like");
    q = q.where(sql<boolean>`${sql.ref("text")} ${op} ${pattern} escape '\\'`);
  }
  return q;
}

export interface EventPage {
  events: AuditEvent[];
  total: number;
}

export async function searchEvents(mdb: MonitorDb, f: EventFilter, limit = PAGE_SIZE): Promise<EventPage> {
  const base = applyFilter(mdb, f);
  const rows = await base
    .selectAll()
    .orderBy("ts", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(f.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
  return { events: rows.map(fromEventRow), total: Number(count?.n ?? 0) };
}

export interface MatchHistogram {
  starts: number[];
  bucketMs: number;
  counts: number[];
}

/** Matches per bucket across the filter's span (or the matches' own span), in about `buckets` buckets. */
export async function matchHistogram(
  mdb: MonitorDb,
  f: EventFilter,
  now: number,
  buckets = 60,
): Promise<MatchHistogram | undefined> {
  let since = f.since;
  const until = f.until ?? now;
  if (since === undefined) {
    const row = await applyFilter(mdb, f)
      .select((eb) => eb.fn.min("ts").as("t"))
      .executeTakeFirst();
    if (row?.t === null || row?.t === undefined) return undefined;
    since = Number(row.t);
  }
  if (!(until > since)) return undefined;
  const bucketMs = Math.max(60_000, Math.ceil((until - since) / buckets / 60_000) * 60_000);
  const start = Math.floor(since / bucketMs) * bucketMs;
  const n = Math.ceil((until - start) / bucketMs);
  const bucket = sql<number>`(${sql.ref("ts")} - ${sql.lit(start)}) / ${sql.lit(bucketMs)}`;
  const rows = await applyFilter(mdb, { ...f, since, until })
    .select((eb) => [bucket.as("bk"), eb.fn.countAll().as("n")])
    .groupBy(bucket)
    .execute();
  const counts = new Array<number>(n).fill(0);
  for (const r of rows) {
    const i = Number(r.bk);
    if (i >= 0 && i < n) counts[i] = Number(r.n);
  }
  return { starts: counts.map((_, i) => start + i * bucketMs), bucketMs, counts };
}

/** Incidents an event belongs to (id, title, status). */
export async function incidentsOfEvent(
  db: Kysely<MonitorDatabase>,
  eventId: string,
): Promise<Array<{ id: string; title: string; status: string; severity: string }>> {
  return db
    .selectFrom("incidents")
    .select(["id", "title", "status", "severity"])
    .where("id", "in", (eb) =>
      eb.selectFrom("incident_events").select("incident_id").where("event_id", "=", eventId),
    )
    .orderBy("opened_at", "desc")
    .execute();
}
