/**
 * The audit store: every guard decision as an event row (plus one row per category it touched, for
 * rate queries), written in batches — one transaction per batch, idempotent on the event id so a batch
 * retried after an unclear failure is never stored twice — read back by filters, and pruned by age.
 */
import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { AuditEvent, AuditQuery } from "../types.js";
import { openMonitorDb, type MonitorDb, type OpenMonitorDbOptions } from "./connect.js";
import { fromEventRow, toCategoryRows, toEventRow } from "./rows.js";
import type { MonitorDatabase } from "./schema.js";

/** Rows per INSERT statement: well under SQLite's 32 766 and Postgres's 65 535 bound parameters. */
const EVENT_ROWS_PER_STATEMENT = 500;
const CATEGORY_ROWS_PER_STATEMENT = 2000;
const PRUNE_CHUNK = 5000;
const DAY_MS = 86_400_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class AuditStore {
  private saltValue: Promise<string> | undefined;

  constructor(readonly monitorDb: MonitorDb) {}

  /** Opens the database at `target` (a file path or a postgres:// URL) and migrates it. */
  static async open(target?: string, options?: OpenMonitorDbOptions): Promise<AuditStore> {
    return new AuditStore(await openMonitorDb(target, options));
  }

  get db(): Kysely<MonitorDatabase> {
    return this.monitorDb.db;
  }

  get location(): string {
    return this.monitorDb.location;
  }

  ping(): Promise<void> {
    return this.monitorDb.ping();
  }

  close(): Promise<void> {
    return this.monitorDb.close();
  }

  /** Stores the events in one transaction; events already stored (same id) are left as they are. */
  async insert(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map(toEventRow);
    const categoryRows = events.flatMap(toCategoryRows);
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(rows, EVENT_ROWS_PER_STATEMENT))
        await trx
          .insertInto("audit_events")
          .values(part)
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
      for (const part of chunks(categoryRows, CATEGORY_ROWS_PER_STATEMENT))
        await trx
          .insertInto("audit_event_categories")
          .values(part)
          .onConflict((oc) => oc.columns(["event_id", "category"]).doNothing())
          .execute();
    });
  }

  async get(id: string): Promise<AuditEvent | undefined> {
    const row = await this.db.selectFrom("audit_events").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? fromEventRow(row) : undefined;
  }

  private filtered(q: AuditQuery) {
    let query = this.db.selectFrom("audit_events");
    if (q.since !== undefined) query = query.where("ts", ">=", q.since);
    if (q.until !== undefined) query = query.where("ts", "<", q.until);
    if (q.userId !== undefined) query = query.where("user_id", "=", q.userId);
    if (q.sessionId !== undefined) query = query.where("session_id", "=", q.sessionId);
    if (q.stage !== undefined) query = query.where("stage", "=", q.stage);
    if (q.action !== undefined) query = query.where("action", "=", q.action);
    if (q.textHash !== undefined) query = query.where("text_hash", "=", q.textHash);
    if (q.ids !== undefined)
      query = q.ids.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where("id", "in", [...q.ids]);
    if (q.category !== undefined) {
      const category = q.category;
      query = query.where("id", "in", (eb) =>
        eb
          .selectFrom("audit_event_categories")
          .select("event_id")
          .where("category", "=", category)
          .where("reason", "=", 1),
      );
    }
    return query;
  }

  async query(q: AuditQuery = {}): Promise<AuditEvent[]> {
    const order = q.order ?? "desc";
    const rows = await this.filtered(q)
      .selectAll()
      .orderBy("ts", order)
      .orderBy("id", order)
      .limit(q.limit ?? 100)
      .offset(q.offset ?? 0)
      .execute();
    return rows.map(fromEventRow);
  }

  async count(q: Omit<AuditQuery, "limit" | "offset" | "order"> = {}): Promise<number> {
    const row = await this.filtered(q)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Per category, how many events had it among their reasons in [from, split) and in [split, until):
   * the baseline and the recent window of spike detection, in one indexed scan.
   */
  async reasonCounts(
    from: number,
    split: number,
    until: number,
  ): Promise<Array<{ category: string; before: number; after: number }>> {
    const rows = await this.db
      .selectFrom("audit_event_categories")
      .select((eb) => [
        "category",
        eb.fn.sum<number | string>(eb.case().when("ts", "<", split).then(1).else(0).end()).as("before"),
        eb.fn.sum<number | string>(eb.case().when("ts", ">=", split).then(1).else(0).end()).as("after"),
      ])
      .where("reason", "=", 1)
      .where("ts", ">=", from)
      .where("ts", "<", until)
      .groupBy("category")
      .execute();
    return rows.map((r) => ({ category: r.category, before: Number(r.before), after: Number(r.after) }));
  }

  /** Time of the oldest stored event, if any. */
  async earliestTime(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.min("ts").as("ts"))
      .executeTakeFirst();
    return row?.ts === null || row?.ts === undefined ? undefined : Number(row.ts);
  }

  /** Ids of events matching the query, oldest first (for grouping into incidents). */
  async ids(q: AuditQuery): Promise<string[]> {
    const rows = await this.filtered(q)
      .select("id")
      .orderBy("ts", "asc")
      .orderBy("id", "asc")
      .limit(q.limit ?? 1000)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * The salt of the text hashes: random, made once per database and kept in it, so hashes group
   * equal texts within one deployment and cannot be compared across deployments.
   */
  salt(): Promise<string> {
    this.saltValue ??= this.loadSalt().catch((err: unknown) => {
      this.saltValue = undefined; // an outage at start: try again next time
      throw err;
    });
    return this.saltValue;
  }

  private async loadSalt(): Promise<string> {
    const fresh = randomBytes(16).toString("hex");
    await this.db
      .insertInto("monitor_meta")
      .values({ key: "text-hash-salt", value: fresh })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const row = await this.db
      .selectFrom("monitor_meta")
      .select("value")
      .where("key", "=", "text-hash-salt")
      .executeTakeFirstOrThrow();
    return row.value;
  }

  /**
   * Deletes events older than `cutoff` (epoch ms), except those grouped into an incident that is not
   * resolved yet, in chunks so a large backlog never holds a long lock. Returns how many it deleted.
   */
  async prune(cutoff: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.db.transaction().execute(async (trx) => {
        const ids = (
          await trx
            .selectFrom("audit_events")
            .select("id")
            .where("ts", "<", cutoff)
            .where("id", "not in", (eb) =>
              eb
                .selectFrom("incident_events")
                .innerJoin("incidents", "incidents.id", "incident_events.incident_id")
                .select("incident_events.event_id")
                .where("incidents.status", "!=", "resolved"),
            )
            .limit(PRUNE_CHUNK)
            .execute()
        ).map((r) => r.id);
        if (ids.length === 0) return 0;
        await trx.deleteFrom("audit_event_categories").where("event_id", "in", ids).execute();
        await trx.deleteFrom("incident_events").where("event_id", "in", ids).execute();
        await trx.deleteFrom("audit_events").where("id", "in", ids).execute();
        return ids.length;
      });
      deleted += n;
      if (n < PRUNE_CHUNK) return deleted;
    }
  }

  /** Prunes by the retention period: events older than `retentionDays` before `now`. */
  pruneOlderThanDays(retentionDays: number, now: number = Date.now()): Promise<number> {
    return this.prune(now - retentionDays * DAY_MS);
  }
}
