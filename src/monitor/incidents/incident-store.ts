/**
 * Incidents in SQL: the incident rows, the events each groups (incident_events) and every change made
 * to it (incident_history: who, when, what, why). Status changes are compare-and-set on the stored
 * status, so two people (or processes) cannot both resolve the same incident.
 */
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Transaction } from "kysely";
import { fromEventRow } from "../store/rows.js";
import type { IncidentHistoryTable, IncidentsTable, MonitorDatabase } from "../store/schema.js";
import type { MonitorDb } from "../store/connect.js";
import type { AuditEvent } from "../types.js";
import { newIncidentId } from "./incident-id.js";
import {
  IncidentError,
  type Incident,
  type IncidentAction,
  type IncidentHistoryEntry,
  type IncidentListQuery,
  type IncidentSeverity,
  type IncidentStatus,
  type NewIncident,
} from "./types.js";

type Db = Kysely<MonitorDatabase> | Transaction<MonitorDatabase>;

function toIncident(r: Selectable<IncidentsTable>): Incident {
  const inc: Incident = {
    id: r.id,
    key: r.dedupe_key,
    rule: r.rule,
    title: r.title,
    severity: r.severity as IncidentSeverity,
    status: r.status as IncidentStatus,
    openedAt: Number(r.opened_at),
    updatedAt: Number(r.updated_at),
    eventCount: Number(r.event_count),
    lastEventAt: Number(r.last_event_at),
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
  if (r.owner !== null) inc.owner = r.owner;
  if (r.resolved_at !== null) inc.resolvedAt = Number(r.resolved_at);
  return inc;
}

function toEntry(r: Selectable<IncidentHistoryTable>): IncidentHistoryEntry {
  const e: IncidentHistoryEntry = {
    id: r.id,
    incidentId: r.incident_id,
    seq: Number(r.seq),
    at: Number(r.at),
    actor: r.actor,
    action: r.action as IncidentAction,
  };
  if (r.from_status !== null) e.fromStatus = r.from_status as IncidentStatus;
  if (r.to_status !== null) e.toStatus = r.to_status as IncidentStatus;
  if (r.note !== null) e.note = r.note;
  return e;
}

export interface ReviewerInput {
  /** Who does it; required. */
  actor: string;
  note?: string;
}

export class IncidentStore {
  private readonly clock: () => number;

  constructor(
    readonly monitorDb: MonitorDb,
    options: { clock?: () => number } = {},
  ) {
    this.clock = options.clock ?? Date.now;
  }

  private get db(): Kysely<MonitorDatabase> {
    return this.monitorDb.db;
  }

  /** The unresolved incident with this key, if any. */
  async findOpen(key: string, db: Db = this.db): Promise<Incident | undefined> {
    const row = await db
      .selectFrom("incidents")
      .selectAll()
      .where("dedupe_key", "=", key)
      .where("status", "!=", "resolved")
      .orderBy("opened_at", "desc")
      .executeTakeFirst();
    return row ? toIncident(row) : undefined;
  }

  /**
   * Opens an incident, or — when an unresolved one has the same key — adds the events to it.
   * `created` tells which.
   */
  async openOrAdd(n: NewIncident): Promise<{ incident: Incident; created: boolean }> {
    const at = n.at ?? this.clock();
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.findOpen(n.key, trx);
      if (existing) {
        await this.linkEvents(trx, existing.id, n.eventIds, at);
        return { incident: await this.require(existing.id, trx), created: false };
      }
      const id = newIncidentId(at);
      await trx
        .insertInto("incidents")
        .values({
          id,
          dedupe_key: n.key,
          rule: n.rule,
          title: n.title,
          severity: n.severity,
          status: "open",
          owner: null,
          opened_at: at,
          updated_at: at,
          resolved_at: null,
          event_count: 0,
          last_event_at: at,
          details: JSON.stringify(n.details),
        })
        .execute();
      await this.appendHistory(trx, id, at, n.actor ?? `rule:${n.rule}`, "opened", null, "open", n.title);
      await this.linkEvents(trx, id, n.eventIds, at);
      return { incident: await this.require(id, trx), created: true };
    });
  }

  /** Adds events to an incident (events already in it are ignored). */
  async addEvents(id: string, eventIds: readonly string[], at: number = this.clock()): Promise<Incident> {
    return this.db.transaction().execute(async (trx) => {
      await this.require(id, trx);
      await this.linkEvents(trx, id, eventIds, at);
      return this.require(id, trx);
    });
  }

  private async linkEvents(trx: Db, id: string, eventIds: readonly string[], at: number): Promise<void> {
    if (eventIds.length === 0) return;
    const unique = [...new Set(eventIds)];
    for (let i = 0; i < unique.length; i += 1000) {
      await trx
        .insertInto("incident_events")
        .values(unique.slice(i, i + 1000).map((event_id) => ({ incident_id: id, event_id, added_at: at })))
        .onConflict((oc) => oc.columns(["incident_id", "event_id"]).doNothing())
        .execute();
    }
    const count = await trx
      .selectFrom("incident_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("incident_id", "=", id)
      .executeTakeFirst();
    const last = await trx
      .selectFrom("audit_events")
      .select((eb) => eb.fn.max("ts").as("ts"))
      .where("id", "in", (eb) =>
        eb.selectFrom("incident_events").select("event_id").where("incident_id", "=", id),
      )
      .executeTakeFirst();
    await trx
      .updateTable("incidents")
      .set({
        event_count: Number(count?.n ?? 0),
        last_event_at: last?.ts !== null && last?.ts !== undefined ? Number(last.ts) : at,
        updated_at: at,
      })
      .where("id", "=", id)
      .execute();
  }

  async get(id: string, db: Db = this.db): Promise<Incident | undefined> {
    const row = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toIncident(row) : undefined;
  }

  private async require(id: string, db: Db = this.db): Promise<Incident> {
    const inc = await this.get(id, db);
    if (!inc) throw new IncidentError(`no incident with id ${id}`);
    return inc;
  }

  /** Newest first. */
  async list(q: IncidentListQuery = {}): Promise<Incident[]> {
    let query = this.db.selectFrom("incidents").selectAll();
    if (q.status !== undefined) {
      const statuses = typeof q.status === "string" ? [q.status] : [...q.status];
      query = query.where("status", "in", statuses);
    }
    if (q.rule !== undefined) query = query.where("rule", "=", q.rule);
    const rows = await query
      .orderBy("opened_at", "desc")
      .orderBy("id", "desc")
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute();
    return rows.map(toIncident);
  }

  /** The incident's events, oldest first. Events pruned by retention are gone from here. */
  async events(id: string, options: { limit?: number } = {}): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom("audit_events")
      .selectAll()
      .where("id", "in", (eb) =>
        eb.selectFrom("incident_events").select("event_id").where("incident_id", "=", id),
      )
      .orderBy("ts", "asc")
      .orderBy("id", "asc")
      .limit(options.limit ?? 1000)
      .execute();
    return rows.map(fromEventRow);
  }

  async history(id: string): Promise<IncidentHistoryEntry[]> {
    await this.require(id);
    const rows = await this.db
      .selectFrom("incident_history")
      .selectAll()
      .where("incident_id", "=", id)
      .orderBy("seq", "asc")
      .execute();
    return rows.map(toEntry);
  }

  /** Someone takes it: status triaged, with an owner (default: the actor). */
  triage(id: string, input: ReviewerInput & { owner?: string }): Promise<Incident> {
    return this.transition(id, ["open"], "triaged", "triaged", input, input.owner ?? input.actor);
  }

  resolve(id: string, input: ReviewerInput): Promise<Incident> {
    return this.transition(id, ["open", "triaged"], "resolved", "resolved", input);
  }

  reopen(id: string, input: ReviewerInput): Promise<Incident> {
    return this.transition(id, ["resolved"], "open", "reopened", input);
  }

  /** Changes the owner without changing the status. */
  async assign(id: string, input: ReviewerInput & { owner: string }): Promise<Incident> {
    checkActor(input.actor);
    const at = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await this.require(id, trx);
      await trx
        .updateTable("incidents")
        .set({ owner: input.owner, updated_at: at })
        .where("id", "=", id)
        .execute();
      await this.appendHistory(
        trx,
        id,
        at,
        input.actor,
        "assigned",
        null,
        null,
        input.note ?? `owner: ${input.owner}`,
      );
      return this.require(id, trx);
    });
  }

  async addNote(id: string, input: ReviewerInput & { note: string }): Promise<Incident> {
    checkActor(input.actor);
    const at = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await this.require(id, trx);
      await trx.updateTable("incidents").set({ updated_at: at }).where("id", "=", id).execute();
      await this.appendHistory(trx, id, at, input.actor, "noted", null, null, input.note);
      return this.require(id, trx);
    });
  }

  private async transition(
    id: string,
    from: readonly IncidentStatus[],
    to: IncidentStatus,
    action: IncidentAction,
    input: ReviewerInput,
    owner?: string,
  ): Promise<Incident> {
    checkActor(input.actor);
    const at = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const current = await this.require(id, trx);
      const res = await trx
        .updateTable("incidents")
        .set({
          status: to,
          updated_at: at,
          resolved_at: to === "resolved" ? at : null,
          ...(owner !== undefined ? { owner } : {}),
        })
        .where("id", "=", id)
        .where("status", "in", [...from])
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0)
        throw new IncidentError(
          `incident ${id} is ${current.status}; it cannot be ${action} (it must be ${from.join(" or ")})`,
        );
      await this.appendHistory(trx, id, at, input.actor, action, current.status, to, input.note ?? null);
      return this.require(id, trx);
    });
  }

  private async appendHistory(
    trx: Db,
    incidentId: string,
    at: number,
    actor: string,
    action: IncidentAction,
    fromStatus: IncidentStatus | null,
    toStatus: IncidentStatus | null,
    note: string | null,
  ): Promise<void> {
    const row = await trx
      .selectFrom("incident_history")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("incident_id", "=", incidentId)
      .executeTakeFirst();
    await trx
      .insertInto("incident_history")
      .values({
        id: randomUUID(),
        incident_id: incidentId,
        seq: Number(row?.seq ?? 0) + 1,
        at,
        actor,
        action,
        from_status: fromStatus,
        to_status: toStatus,
        note,
      })
      .execute();
  }
}

function checkActor(actor: string): void {
  if (typeof actor !== "string" || actor.trim() === "")
    throw new IncidentError("say who makes the change (actor)");
}
