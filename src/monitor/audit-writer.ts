/**
 * The audit writer: `record()` costs the guard's path one array push; a background flush turns queued
 * decisions into redacted events and writes them in batches (one transaction each) when a batch fills or
 * `flushIntervalMs` passes.
 *
 * Durability — what "acknowledged" means: an event is acknowledged once the transaction that holds it
 * has committed; `await writer.flush()` resolves when every event recorded before the call is
 * acknowledged, and `onCommit` listeners receive each committed batch. The store's commit is the
 * durable step: SQLite in WAL mode (a committed transaction survives a killed process; with
 * `synchronous: "full"` also a power cut) or Postgres. Events still in the queue are not acknowledged
 * and die with the process — at most one flush interval's worth, or the backlog of an outage.
 *
 * Store trouble (connection lost, disk full, read-only file): the guard is never told. Events stay queued
 * up to `maxQueue`; beyond it new events are dropped and counted (`stats().dropped`, a metric); the
 * writer retries with doubling backoff and resumes when the store answers again. An event the database
 * rejects as data (a constraint or encoding error) is isolated and counted as rejected, so one bad event
 * never blocks the rest.
 */
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { buildAuditEvent, type AuditInput } from "./audit-event.js";
import { AuditSettings, type AuditSettingsInput, type AuditSettingsT } from "./config.js";
import { newEventId } from "./event-id.js";
import { createAuditRedactor, type AuditRedactor } from "./redactor.js";
import { errorLine } from "./store/connect.js";
import type { AuditEvent } from "./types.js";

/** What the writer needs of a store (AuditStore is one). */
export interface AuditSink {
  insert(events: readonly AuditEvent[]): Promise<void>;
  salt(): Promise<string>;
}

export interface AuditWriterOptions {
  store: AuditSink;
  /**
   * Events per transaction (default 100). With SQLite a batch is built and written synchronously, so
   * this bounds how long one flush holds the event loop (see the audit benchmark's longest batch).
   */
  batchSize?: number;
  /** Longest wait before a partial batch is written (default 100 ms). */
  flushIntervalMs?: number;
  /** Events held in memory at most; more are dropped and counted (default 10 000). */
  maxQueue?: number;
  /** Backoff after a store error: starts here and doubles up to retryMaxMs (defaults 200 ms, 10 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Default redactor, for inputs that bring none (default: built-in pii and secrets detectors). */
  redactor?: AuditRedactor;
  /** Default audit settings, for inputs that bring none. */
  settings?: AuditSettingsInput;
  clock?: () => number;
  /** Called once when the store starts failing (not on every retry). */
  onStoreDown?: (err: unknown) => void;
  /** Called once when the store works again. */
  onStoreUp?: () => void;
}

export interface AuditWriterStats {
  /** Events accepted by record(). */
  recorded: number;
  /** Events committed to the store. */
  written: number;
  /** Events waiting (including the batch being written). */
  queued: number;
  /** Events refused because the queue was full or the writer closed. */
  dropped: number;
  /** Events the database refused as data (isolated, not retried). */
  rejected: number;
  batches: number;
  /** Failed store attempts. */
  storeErrors: number;
  storeUp: boolean;
  lastError?: string;
  lastErrorAt?: number;
  /** Time the last batch's transaction took, and the longest so far (ms). */
  lastBatchMs: number;
  maxBatchMs: number;
}

interface Pending {
  id: string;
  seq: number;
  time: number;
  input: AuditInput;
  event?: AuditEvent;
}

interface FlushWaiter {
  seq: number;
  resolve(): void;
}

/** Events built between two turns of the event loop, so a flush never holds requests up for long. */
const BUILD_SLICE = 20;

const SQLITE_DATA_CODES = ["SQLITE_CONSTRAINT", "SQLITE_MISMATCH", "SQLITE_TOOBIG", "SQLITE_RANGE"];
const PG_DATA_CODE = /^(?:22|23|54)[0-9A-Z]{3}$/;
export const PATTERNS: readonly RegExp[] = [PG_DATA_CODE];

/**
 * A database refusing the data itself (retrying cannot help), as opposed to the database being
 * unavailable: Postgres classes 22 (data exception), 23 (integrity) and 54 (program limit), and SQLite's
 * constraint, type, size and range errors.
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  if (PG_DATA_CODE.test(code)) return true;
  return SQLITE_DATA_CODES.some((c) => code === c || code.startsWith(`${c}_`));
}

export class AuditWriter {
  private readonly store: AuditSink;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxQueue: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly redactor: AuditRedactor;
  private readonly settings: AuditSettingsT;
  private readonly clock: () => number;
  private readonly onStoreDown: ((err: unknown) => void) | undefined;
  private readonly onStoreUp: (() => void) | undefined;

  private queue: Pending[] = [];
  private seq = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs = 0;
  private draining = false;
  private closed = false;
  private waiters: FlushWaiter[] = [];
  private readonly listeners = new Set<(events: readonly AuditEvent[]) => void>();
  private readonly counts: AuditWriterStats = {
    recorded: 0,
    written: 0,
    queued: 0,
    dropped: 0,
    rejected: 0,
    batches: 0,
    storeErrors: 0,
    storeUp: true,
    lastBatchMs: 0,
    maxBatchMs: 0,
  };

  constructor(options: AuditWriterOptions) {
    this.store = options.store;
    this.batchSize = options.batchSize ?? 100;
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.retryMinMs = options.retryMinMs ?? 200;
    this.retryMaxMs = options.retryMaxMs ?? 10_000;
    this.redactor = options.redactor ?? createAuditRedactor();
    this.settings = AuditSettings.parse(options.settings ?? {});
    this.clock = options.clock ?? Date.now;
    this.onStoreDown = options.onStoreDown;
    this.onStoreUp = options.onStoreUp;
    if (!(this.batchSize >= 1 && this.maxQueue >= 1))
      throw new RangeError("batchSize and maxQueue must be at least 1");
  }

  /**
   * Queues one decision for the audit trail and returns its event id, or undefined when it was dropped
   * (queue full, or the writer closed). Never throws, never waits.
   */
  record(input: AuditInput): string | undefined {
    if (this.closed || this.queue.length >= this.maxQueue) {
      this.counts.dropped++;
      return undefined;
    }
    const time = input.time ?? this.clock();
    const id = newEventId(time);
    this.queue.push({ id, seq: ++this.seq, time, input });
    this.counts.recorded++;
    this.schedule();
    return id;
  }

  /** Resolves when every event recorded before the call is committed (or rejected as bad data). */
  flush(options: { timeoutMs?: number } = {}): Promise<void> {
    const last = this.queue[this.queue.length - 1];
    if (!last) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ seq: last.seq, resolve }));
    // Someone waits now: keep the process alive until the retry, or start writing at once.
    if (this.retryTimer !== undefined) this.retryTimer.ref();
    else this.kick();
    if (options.timeoutMs === undefined) return done;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const s = this.stats();
        reject(
          new Error(
            `audit flush timed out after ${options.timeoutMs} ms: ${s.queued} events waiting` +
              (s.storeUp ? "" : ` (store down: ${s.lastError ?? "unknown error"})`),
          ),
        );
      }, options.timeoutMs);
    });
    return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
  }

  /** Calls `listener` with each committed batch (the acknowledged events). Returns an unsubscribe. */
  onCommit(listener: (events: readonly AuditEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): AuditWriterStats {
    return { ...this.counts, queued: this.queue.length };
  }

  /**
   * Stops accepting events and writes what is queued, waiting at most `timeoutMs` (default 5 s) for a
   * store in trouble. Returns the final counts; `queued` > 0 means events were lost.
   */
  async close(options: { timeoutMs?: number } = {}): Promise<AuditWriterStats> {
    this.closed = true;
    try {
      await this.flush({ timeoutMs: options.timeoutMs ?? 5000 });
    } catch {
      // reported through stats().queued
    }
    this.clearTimers();
    return this.stats();
  }

  private clearTimers(): void {
    clearTimeout(this.flushTimer);
    clearImmediate(this.immediate);
    clearTimeout(this.retryTimer);
    this.flushTimer = this.immediate = this.retryTimer = undefined;
  }

  /** Arranges a drain: at once when a batch is full, else after the flush interval. */
  private schedule(): void {
    if (this.draining || this.retryTimer !== undefined || this.immediate !== undefined) return;
    if (this.queue.length >= this.batchSize) this.kick();
    else if (this.flushTimer === undefined) {
      // Unref'd: a pending partial batch does not keep the process alive (close() or flush() writes it).
      this.flushTimer = setTimeout(() => void this.drain(), this.flushIntervalMs);
      this.flushTimer.unref();
    }
  }

  private kick(): void {
    if (this.draining || this.immediate !== undefined) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.immediate = setImmediate(() => void this.drain());
  }

  private wantsMore(): boolean {
    if (this.queue.length >= this.batchSize) return true;
    return this.queue.length > 0 && (this.waiters.length > 0 || this.closed);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    clearTimeout(this.flushTimer);
    clearImmediate(this.immediate);
    this.flushTimer = this.immediate = this.retryTimer = undefined;
    this.draining = true;
    let failed = false;
    try {
      let first = true;
      while (first || this.wantsMore()) {
        if (!first) await yieldToLoop(); // let requests in between batches
        first = false;
        if (this.queue.length === 0) break;
        if (!(await this.writeBatch())) {
          failed = true;
          break;
        }
      }
    } finally {
      this.draining = false;
    }
    if (failed) {
      this.backoffMs = this.backoffMs === 0 ? this.retryMinMs : Math.min(this.retryMaxMs, this.backoffMs * 2);
      this.retryTimer = setTimeout(() => void this.drain(), this.backoffMs);
      if (this.waiters.length === 0 && !this.closed) this.retryTimer.unref();
    } else if (this.queue.length > 0) this.schedule();
  }

  /** The batch's events, built (redacted, hashed) on first use; yields to the loop every few events. */
  private async events(batch: Pending[]): Promise<AuditEvent[]> {
    const salt = await this.store.salt();
    const out: AuditEvent[] = [];
    let built = 0;
    for (const p of batch) {
      if (!p.event) {
        p.event = await buildAuditEvent(
          p.id,
          p.time,
          p.input,
          salt,
          p.input.redactor ?? this.redactor,
          p.input.settings ?? this.settings,
        );
        if (++built % BUILD_SLICE === 0) await yieldToLoop();
      }
      out.push(p.event);
    }
    if (built % BUILD_SLICE !== 0) await yieldToLoop();
    return out;
  }

  /** Writes the head of the queue; false when the store is unavailable (the batch stays queued). */
  private async writeBatch(): Promise<boolean> {
    const batch = this.queue.slice(0, this.batchSize);
    try {
      const events = await this.events(batch);
      const t0 = performance.now();
      await this.store.insert(events);
      this.noteBatchTime(performance.now() - t0);
      this.committed(batch.length, events);
      return true;
    } catch (err) {
      if (isDataError(err)) return this.isolate(batch);
      this.storeFailed(err);
      return false;
    }
  }

  /** Writes a batch the database refused one event at a time, dropping only the events it refuses. */
  private async isolate(batch: Pending[]): Promise<boolean> {
    for (const p of batch) {
      try {
        const [event] = await this.events([p]);
        await this.store.insert([event as AuditEvent]);
        this.committed(1, [event as AuditEvent]);
      } catch (err) {
        if (!isDataError(err)) {
          this.storeFailed(err);
          return false;
        }
        this.counts.rejected++;
        this.counts.lastError = `event rejected: ${errorLine(err)}`;
        this.counts.lastErrorAt = this.clock();
        this.committed(1, []);
      }
    }
    return true;
  }

  private noteBatchTime(ms: number): void {
    this.counts.lastBatchMs = ms;
    if (ms > this.counts.maxBatchMs) this.counts.maxBatchMs = ms;
  }

  /** Removes `n` settled events from the head of the queue and tells whoever waits. */
  private committed(n: number, events: AuditEvent[]): void {
    this.queue.splice(0, n);
    this.counts.written += events.length;
    this.counts.batches++;
    this.backoffMs = 0;
    if (!this.counts.storeUp) {
      this.counts.storeUp = true;
      this.safely(() => this.onStoreUp?.());
    }
    const next = this.queue[0]?.seq ?? Infinity;
    if (this.waiters.length > 0) {
      const still: FlushWaiter[] = [];
      for (const w of this.waiters) {
        if (w.seq < next) w.resolve();
        else still.push(w);
      }
      this.waiters = still;
    }
    if (events.length > 0) for (const l of this.listeners) this.safely(() => l(events));
  }

  private storeFailed(err: unknown): void {
    this.counts.storeErrors++;
    this.counts.lastError = errorLine(err);
    this.counts.lastErrorAt = this.clock();
    if (this.counts.storeUp) {
      this.counts.storeUp = false;
      this.safely(() => this.onStoreDown?.(err));
    }
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch {
      // a listener's failure is its own; the writer goes on
    }
  }
}
