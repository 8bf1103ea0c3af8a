/** Incident numbers for the navigation badge, the overview's card and the incidents page's chart. */
import { sql, type Kysely } from "kysely";
import { INCIDENT_SEVERITIES, type IncidentSeverity } from "../../../monitor/incidents/types.js";
import type { MonitorDatabase } from "../../../monitor/store/schema.js";
import { bucketIndex, type TimeWindow } from "./time-window.js";

/** Incidents by status (open, triaged, resolved; each present, 0 when none). */
export async function incidentCounts(db: Kysely<MonitorDatabase>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("incidents")
    .select((eb) => ["status", eb.fn.countAll().as("n")])
    .groupBy("status")
    .execute();
  const out: Record<string, number> = { open: 0, triaged: 0, resolved: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** Incidents opened per bucket of the window, by severity. */
export async function openedBySeverity(
  db: Kysely<MonitorDatabase>,
  w: TimeWindow,
): Promise<Record<IncidentSeverity, number[]>> {
  const bucket = sql<number>`${sql.ref("opened_at")} / ${sql.lit(w.bucketMs)}`;
  const rows = await db
    .selectFrom("incidents")
    .select((eb) => [bucket.as("bk"), "severity", eb.fn.countAll().as("n")])
    .where("opened_at", ">=", w.since)
    .where("opened_at", "<", w.until)
    .groupBy([bucket, "severity"])
    .execute();
  const out = Object.fromEntries(
    INCIDENT_SEVERITIES.map((s) => [s, new Array<number>(w.starts.length).fill(0)]),
  ) as Record<IncidentSeverity, number[]>;
  for (const r of rows) {
    const i = bucketIndex(w, Number(r.bk));
    const series = out[r.severity as IncidentSeverity];
    if (i >= 0 && series) series[i] = Number(r.n);
  }
  return out;
}
