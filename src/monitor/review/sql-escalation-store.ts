/**
 * The review queue's SQL store (SQLite or Postgres): the escalation queue's EscalationStore over the
 * review_escalations and review_escalation_events tables. Decisions are compare-and-set (UPDATE … WHERE
 * status IN …) with the audit-trail entry in the same transaction, so two reviewers — or a reviewer and
 * the timeout, in different processes — cannot both decide one item, and no decision goes unrecorded.
 */
import type { Kysely, Selectable, Transaction } from "kysely";
import type {
  EscalationEventAction,
  EscalationEventRow,
  EscalationListQuery,
  EscalationPatch,
  EscalationRow,
  EscalationStatus,
  EscalationStore,
} from "../../guard/escalation/index.js";
import type { MonitorDb } from "../store/connect.js";
import { dbText } from "../store/rows.js";
import type { EscalationEventsTable, EscalationsTable, MonitorDatabase } from "../store/schema.js";

type Db = Kysely<MonitorDatabase> | Transaction<MonitorDatabase>;

function toRow(r: Selectable<EscalationsTable>): EscalationRow {
  return {
    id: r.id,
    status: r.status as EscalationStatus,
    stage: r.stage,
    text: r.text,
    decision: r.decision,
    userId: r.user_id,
    sessionId: r.session_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewer: r.reviewer,
    note: r.note,
    flagged: Number(r.flagged) === 1,
  };
}

function toEvent(r: Selectable<EscalationEventsTable>): EscalationEventRow {
  return {
    id: r.id,
    itemId: r.item_id,
    at: r.at,
    actor: r.actor,
    action: r.action as EscalationEventAction,
    fromStatus: r.from_status as EscalationStatus | null,
    toStatus: r.to_status as EscalationStatus,
    note: r.note,
  };
}

const orNull = (s: string | null) => (s === null ? null : dbText(s));

let lastSeq = 0;
/** Strictly increasing within the process, and roughly time-ordered across processes. */
function nextQueuedSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

export class SqlEscalationStore implements EscalationStore {
  /** Other processes may decide items: waiters poll. */
  readonly shared = true;

  constructor(readonly monitorDb: MonitorDb) {}

  private get db(): Kysely<MonitorDatabase> {
    return this.monitorDb.db;
  }

  async insert(row: EscalationRow, event: EscalationEventRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("review_escalations")
        .values({
          id: row.id,
          status: row.status,
          stage: row.stage,
          text: dbText(row.text),
          decision: dbText(row.decision),
          user_id: orNull(row.userId),
          session_id: orNull(row.sessionId),
          created_at: row.createdAt,
          updated_at: row.updatedAt,
          reviewer: orNull(row.reviewer),
          note: orNull(row.note),
          flagged: row.flagged ? 1 : 0,
          queued_seq: nextQueuedSeq(),
        })
        .execute();
      await this.appendEvent(trx, event);
    });
  }

  async get(id: string): Promise<EscalationRow | undefined> {
    const r = await this.db
      .selectFrom("review_escalations")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return r ? toRow(r) : undefined;
  }

  async transition(
    id: string,
    from: readonly EscalationStatus[],
    patch: EscalationPatch,
    event: EscalationEventRow,
  ): Promise<EscalationRow | undefined> {
    if (from.length === 0) return undefined;
    return this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable("review_escalations")
        .set({
          status: patch.status,
          updated_at: patch.updatedAt,
          reviewer: orNull(patch.reviewer),
          note: orNull(patch.note),
          flagged: patch.flagged ? 1 : 0,
        })
        .where("id", "=", id)
        .where("status", "in", [...from])
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return undefined;
      await this.appendEvent(trx, event);
      const r = await trx
        .selectFrom("review_escalations")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return toRow(r);
    });
  }

  async list(query: EscalationListQuery): Promise<EscalationRow[]> {
    let q = this.db.selectFrom("review_escalations").selectAll();
    if (query.status !== undefined) q = q.where("status", "=", query.status);
    const rows = await q
      .orderBy("queued_seq", "asc")
      .orderBy("id", "asc")
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0)
      .execute();
    return rows.map(toRow);
  }

  async history(id: string): Promise<EscalationEventRow[]> {
    const rows = await this.db
      .selectFrom("review_escalation_events")
      .selectAll()
      .where("item_id", "=", id)
      .orderBy("seq", "asc")
      .execute();
    return rows.map(toEvent);
  }

  private async appendEvent(trx: Db, e: EscalationEventRow): Promise<void> {
    const last = await trx
      .selectFrom("review_escalation_events")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("item_id", "=", e.itemId)
      .executeTakeFirst();
    await trx
      .insertInto("review_escalation_events")
      .values({
        id: e.id,
        item_id: e.itemId,
        seq: Number(last?.seq ?? 0) + 1,
        at: e.at,
        actor: dbText(e.actor),
        action: e.action,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        note: orNull(e.note),
      })
      .execute();
  }
}
