/**
 * Reading the review queue for the page: pending items (oldest first, as the queue lists them), items
 * released flagged that still await a verdict, and the latest decisions newest first. With the SQL store
 * the latest decisions come straight from the table in that order; with the in-memory store the queue
 * lists everything (it is bounded by the process anyway).
 */
import type { EscalationItem, EscalationQueue } from "../../../guard/escalation/index.js";
import { SqlEscalationStore } from "../../../monitor/review/sql-escalation-store.js";

export interface ReviewOverview {
  /** The oldest pending items (up to the limit), and how many are pending in all. */
  pending: EscalationItem[];
  pendingTotal: number;
  /** Released without approval (mode release-flagged, or on timeout), awaiting a verdict after the fact. */
  released: EscalationItem[];
  /** Approved and denied items, latest first. */
  decided: EscalationItem[];
}

const MEMORY_SCAN = 10_000;

export async function recentDecisions(queue: EscalationQueue, limit: number): Promise<EscalationItem[]> {
  const store = queue.store;
  if (store instanceof SqlEscalationStore) {
    const rows = await store.monitorDb.db
      .selectFrom("review_escalations")
      .select("id")
      .where("status", "in", ["approved", "denied"])
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    const items = await Promise.all(rows.map((r) => queue.get(r.id)));
    return items.filter((i): i is EscalationItem => i !== undefined);
  }
  const all = [
    ...(await queue.list({ status: "approved", limit: MEMORY_SCAN })),
    ...(await queue.list({ status: "denied", limit: MEMORY_SCAN })),
  ];
  return all
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))
    .slice(0, limit);
}

export async function reviewOverview(
  queue: EscalationQueue,
  options: { limit?: number } = {},
): Promise<ReviewOverview> {
  const limit = options.limit ?? 100;
  const [pending, pendingTotal, released, decided] = await Promise.all([
    queue.list({ status: "pending", limit }),
    pendingCount(queue),
    queue.list({ status: "released", limit }),
    recentDecisions(queue, 50),
  ]);
  return { pending, pendingTotal, released, decided };
}

/** Items waiting for a person (pending); for the navigation badge. The in-memory store counts up to `cap`. */
export async function pendingCount(queue: EscalationQueue, cap = 1000): Promise<number> {
  const store = queue.store;
  if (store instanceof SqlEscalationStore) {
    const row = await store.monitorDb.db
      .selectFrom("review_escalations")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
  return (await queue.list({ status: "pending", limit: cap })).length;
}
