/**
 * The in-process escalation store: rows and their audit trails in Maps, copied in and out so callers
 * cannot change stored state. Decided items beyond `maxResolved` are dropped, oldest first, so a
 * long-running process keeps a bounded history (the SQL store in monitor/ keeps everything).
 */
import type {
  EscalationEventRow,
  EscalationListQuery,
  EscalationPatch,
  EscalationRow,
  EscalationStatus,
  EscalationStore,
} from "./types.js";

export interface MemoryEscalationStoreOptions {
  /** Decided (non-pending) items kept; default 10 000. */
  maxResolved?: number;
}

export class MemoryEscalationStore implements EscalationStore {
  readonly shared = false;
  private readonly rows = new Map<string, EscalationRow>();
  private readonly events = new Map<string, EscalationEventRow[]>();
  private readonly maxResolved: number;
  private resolved = 0;

  constructor(options: MemoryEscalationStoreOptions = {}) {
    this.maxResolved = options.maxResolved ?? 10_000;
  }

  insert(row: EscalationRow, event: EscalationEventRow): Promise<void> {
    if (this.rows.has(row.id)) return Promise.reject(new Error(`escalation id ${row.id} already exists`));
    this.rows.set(row.id, { ...row });
    this.events.set(row.id, [{ ...event }]);
    if (row.status !== "pending") this.countResolved();
    return Promise.resolve();
  }

  get(id: string): Promise<EscalationRow | undefined> {
    const row = this.rows.get(id);
    return Promise.resolve(row ? { ...row } : undefined);
  }

  transition(
    id: string,
    from: readonly EscalationStatus[],
    patch: EscalationPatch,
    event: EscalationEventRow,
  ): Promise<EscalationRow | undefined> {
    const row = this.rows.get(id);
    if (!row || !from.includes(row.status)) return Promise.resolve(undefined);
    const wasPending = row.status === "pending";
    Object.assign(row, patch);
    (this.events.get(id) as EscalationEventRow[]).push({ ...event });
    if (wasPending && row.status !== "pending") this.countResolved();
    return Promise.resolve({ ...row });
  }

  list(query: EscalationListQuery): Promise<EscalationRow[]> {
    const limit = query.limit ?? 100;
    let skip = query.offset ?? 0;
    const out: EscalationRow[] = [];
    // Insertion order is creation order.
    for (const row of this.rows.values()) {
      if (out.length >= limit) break;
      if (query.status !== undefined && row.status !== query.status) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      out.push({ ...row });
    }
    return Promise.resolve(out);
  }

  history(id: string): Promise<EscalationEventRow[]> {
    return Promise.resolve((this.events.get(id) ?? []).map((e) => ({ ...e })));
  }

  private countResolved(): void {
    this.resolved++;
    if (this.resolved <= this.maxResolved) return;
    for (const [id, row] of this.rows) {
      if (this.resolved <= this.maxResolved) break;
      if (row.status === "pending") continue;
      this.rows.delete(id);
      this.events.delete(id);
      this.resolved--;
    }
  }
}
