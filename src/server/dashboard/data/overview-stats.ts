/**
 * What the overview draws, computed in the database (SQLite or Postgres) with three grouped queries over
 * the time window — decisions per bucket and action, reasons per bucket, category and action, and
 * decisions per bucket and latency bin — so the cost does not grow with what the page shows.
 */
import { sql, type Kysely } from "kysely";
import type { DecisionAction } from "../../../guard/types.js";
import type { MonitorDatabase } from "../../../monitor/store/schema.js";
import { binnedQuantile, LATENCY_EDGES_MS, latencyBinSql } from "./latency-bins.js";
import { bucketIndex, type TimeWindow } from "./time-window.js";

export const ACTIONS: readonly DecisionAction[] = ["allow", "modify", "block", "escalate"];

export interface CategoryActivity {
  category: string;
  /** Decisions with this category among their reasons, per bucket, by the decision's action. */
  byAction: Record<DecisionAction, number[]>;
  totals: Record<DecisionAction, number>;
  total: number;
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface OverviewStats {
  window: TimeWindow;
  /** Decisions per bucket by action. */
  traffic: Record<DecisionAction, number[]>;
  /** Decisions per bucket, all actions. */
  perBucket: number[];
  totals: Record<DecisionAction, number>;
  total: number;
  /** Busiest categories first. */
  categories: CategoryActivity[];
  latency: { perBucket: Percentiles[]; overall: Percentiles };
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

function byAction(n: number): Record<DecisionAction, number[]> {
  return { allow: zeros(n), modify: zeros(n), block: zeros(n), escalate: zeros(n) };
}

function isAction(a: string): a is DecisionAction {
  return (ACTIONS as readonly string[]).includes(a);
}

function percentiles(counts: ArrayLike<number>): Percentiles {
  return {
    p50: binnedQuantile(counts, 0.5),
    p95: binnedQuantile(counts, 0.95),
    p99: binnedQuantile(counts, 0.99),
  };
}

export async function overviewStats(db: Kysely<MonitorDatabase>, w: TimeWindow): Promise<OverviewStats> {
  const n = w.starts.length;
  const bucket = sql<number>`${sql.ref("ts")} / ${sql.lit(w.bucketMs)}`;

  const trafficRows = await db
    .selectFrom("audit_events")
    .select((eb) => [bucket.as("bk"), "action", eb.fn.countAll().as("n")])
    .where("ts", ">=", w.since)
    .where("ts", "<", w.until)
    .groupBy([bucket, "action"])
    .execute();
  const traffic = byAction(n);
  const perBucket = zeros(n);
  const totals: Record<DecisionAction, number> = { allow: 0, modify: 0, block: 0, escalate: 0 };
  for (const r of trafficRows) {
    const i = bucketIndex(w, Number(r.bk));
    const count = Number(r.n);
    if (i < 0 || !isAction(r.action)) continue;
    traffic[r.action][i] = count;
    perBucket[i] = (perBucket[i] as number) + count;
    totals[r.action] += count;
  }

  const cBucket = sql<number>`${sql.ref("c.ts")} / ${sql.lit(w.bucketMs)}`;
  const reasonRows = await db
    .selectFrom("audit_event_categories as c")
    .innerJoin("audit_events as e", "e.id", "c.event_id")
    .select((eb) => [
      cBucket.as("bk"),
      "c.category as category",
      "e.action as action",
      eb.fn.countAll().as("n"),
    ])
    .where("c.reason", "=", 1)
    .where("c.ts", ">=", w.since)
    .where("c.ts", "<", w.until)
    .groupBy([cBucket, "c.category", "e.action"])
    .execute();
  const cats = new Map<string, CategoryActivity>();
  for (const r of reasonRows) {
    const i = bucketIndex(w, Number(r.bk));
    if (i < 0 || !isAction(r.action)) continue;
    let c = cats.get(r.category);
    if (!c) {
      c = {
        category: r.category,
        byAction: byAction(n),
        totals: { allow: 0, modify: 0, block: 0, escalate: 0 },
        total: 0,
      };
      cats.set(r.category, c);
    }
    const count = Number(r.n);
    c.byAction[r.action][i] = (c.byAction[r.action][i] as number) + count;
    c.totals[r.action] += count;
    c.total += count;
  }

  const bin = latencyBinSql("latency_ms");
  const latencyRows = await db
    .selectFrom("audit_events")
    .select((eb) => [bucket.as("bk"), bin.as("bin"), eb.fn.countAll().as("n")])
    .where("ts", ">=", w.since)
    .where("ts", "<", w.until)
    .groupBy([bucket, bin])
    .execute();
  const bins = LATENCY_EDGES_MS.length + 1;
  const grid = Array.from({ length: n }, () => zeros(bins));
  const overallBins = zeros(bins);
  for (const r of latencyRows) {
    const i = bucketIndex(w, Number(r.bk));
    const b = Number(r.bin);
    if (i < 0 || !(b >= 0 && b < bins)) continue;
    (grid[i] as number[])[b] = Number(r.n);
    overallBins[b] = (overallBins[b] as number) + Number(r.n);
  }

  return {
    window: w,
    traffic,
    perBucket,
    totals,
    total: perBucket.reduce((a, b) => a + b, 0),
    categories: [...cats.values()].sort((a, b) => b.total - a.total || a.category.localeCompare(b.category)),
    latency: { perBucket: grid.map(percentiles), overall: percentiles(overallBins) },
  };
}
