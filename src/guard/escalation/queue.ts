/**
 * The escalation queue: a decision can hold a response for a person (mode "hold") or let it out at once,
 * flagged for review after the fact (mode "release-flagged"). A held response waits in waitForReview()
 * until a reviewer approves or denies it, or the time runs out and the timeout policy decides (deny by
 * default). Every change is appended to the item's audit trail with who, when and why.
 *
 * Decisions are compare-and-set on the stored status, so a reviewer and the timeout — or two reviewers,
 * or two processes sharing a SQL store — cannot both decide the same item.
 */
import { randomUUID } from "node:crypto";
import {
  EscalationConfigSchema,
  type EscalationConfig,
  type EscalationConfigInput,
} from "../../policy/limits-config.js";
import type { Stage } from "../../policy/stages.js";
import type { Decision } from "../types.js";
import { MemoryEscalationStore } from "./memory-store.js";
import { summarizeDecision } from "./summary.js";
import {
  EscalationError,
  type DecisionSummary,
  type EscalationEventAction,
  type EscalationEventRow,
  type EscalationItem,
  type EscalationListQuery,
  type EscalationRow,
  type EscalationStatus,
  type EscalationStore,
  type ReviewInput,
  type ReviewOutcome,
} from "./types.js";

export interface EscalationQueueOptions {
  store?: EscalationStore;
  /** The policy's `escalation:` section. */
  config?: EscalationConfigInput;
  /** Epoch milliseconds, for timestamps; a fake clock in tests. */
  clock?: () => number;
  /**
   * Applied to the text before it is stored, e.g. the guard's PII redaction. The queue never stores what
   * this returns unredacted; without it the caller must pass text already redacted.
   */
  redact?: (text: string) => string;
}

export interface EnqueueInput {
  stage: Stage;
  /** The held text, redacted (or redacted by the queue's `redact`). */
  text: string;
  /** The guard's decision, or its summary. */
  decision: Decision | DecisionSummary;
  userId?: string;
  sessionId?: string;
  /** Overrides the configured mode for this item. */
  mode?: EscalationConfig["mode"];
  /** Who escalated, for the audit trail; default "guard". */
  actor?: string;
}

/** The reviewer name the timeout policy decides under. */
export const TIMEOUT_ACTOR = "system:timeout";

interface Waiter {
  settle(row: EscalationRow, timedOut: boolean): void;
}

function isDecision(d: Decision | DecisionSummary): d is Decision {
  return "findings" in d;
}

function toItem(row: EscalationRow): EscalationItem {
  const item: EscalationItem = {
    id: row.id,
    status: row.status,
    stage: row.stage as Stage,
    text: row.text,
    decision: JSON.parse(row.decision) as DecisionSummary,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    flagged: row.flagged,
  };
  if (row.userId !== null) item.userId = row.userId;
  if (row.sessionId !== null) item.sessionId = row.sessionId;
  if (row.reviewer !== null) item.reviewer = row.reviewer;
  if (row.note !== null) item.note = row.note;
  return item;
}

function toOutcome(row: EscalationRow, timedOut: boolean): ReviewOutcome {
  const out: ReviewOutcome = {
    id: row.id,
    status: row.status,
    release: row.status === "approved" || row.status === "released",
    flagged: row.flagged,
    timedOut,
  };
  if (row.reviewer !== null) out.reviewer = row.reviewer;
  if (row.note !== null) out.note = row.note;
  return out;
}

export class EscalationQueue {
  readonly config: EscalationConfig;
  readonly store: EscalationStore;
  private readonly clock: () => number;
  private readonly redact: ((text: string) => string) | undefined;
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(options: EscalationQueueOptions = {}) {
    this.config = EscalationConfigSchema.parse(options.config ?? {});
    this.store = options.store ?? new MemoryEscalationStore();
    this.clock = options.clock ?? Date.now;
    this.redact = options.redact;
  }

  /** Queues an item; returns its id. In mode "release-flagged" it is released (flagged) at once. */
  async enqueue(input: EnqueueInput): Promise<string> {
    const mode = input.mode ?? this.config.mode;
    const now = this.iso();
    const status: EscalationStatus = mode === "hold" ? "pending" : "released";
    const summary = isDecision(input.decision) ? summarizeDecision(input.decision) : input.decision;
    const row: EscalationRow = {
      id: randomUUID(),
      status,
      stage: input.stage,
      text: this.redact ? this.redact(input.text) : input.text,
      decision: JSON.stringify(summary),
      userId: input.userId ?? null,
      sessionId: input.sessionId ?? null,
      createdAt: now,
      updatedAt: now,
      reviewer: null,
      note: null,
      flagged: status === "released",
    };
    const note =
      status === "released" ? "released flagged without review (escalation mode release-flagged)" : null;
    await this.store.insert(
      row,
      this.event(row.id, now, input.actor ?? "guard", "enqueued", null, status, note),
    );
    return row.id;
  }

  /**
   * Waits until the item is decided. Already decided: resolves at once. Otherwise, after `timeoutMs`
   * (default: the configured timeoutMs) the timeout policy decides: deny, or release flagged.
   */
  async waitForReview(id: string, timeoutMs: number = this.config.timeoutMs): Promise<ReviewOutcome> {
    const row = await this.require(id);
    if (row.status !== "pending") return toOutcome(row, false);
    return new Promise<ReviewOutcome>((resolve, reject) => {
      let done = false;
      let poll: NodeJS.Timeout | undefined;
      const set = this.waiters.get(id) ?? new Set<Waiter>();
      this.waiters.set(id, set);
      const waiter: Waiter = {
        settle: (r, timedOut) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          clearInterval(poll);
          set.delete(waiter);
          if (set.size === 0) this.waiters.delete(id);
          resolve(toOutcome(r, timedOut));
        },
      };
      set.add(waiter);
      const fail = (err: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        set.delete(waiter);
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      // A decision made between the read above and this registration notified nobody: read once more.
      const recheck = () =>
        this.store.get(id).then((r) => {
          if (r && r.status !== "pending") waiter.settle(r, false);
        }, fail);
      void recheck();
      const timer = setTimeout(() => {
        this.expire(id).then((r) => waiter.settle(r.row, r.timedOut), fail);
      }, timeoutMs);
      if (this.store.shared) {
        // Reviews made by another process reach this one only through the store.
        poll = setInterval(() => void recheck(), this.config.pollIntervalMs);
      }
    });
  }

  approve(id: string, review: ReviewInput): Promise<EscalationItem> {
    return this.review(id, "approved", review);
  }

  deny(id: string, review: ReviewInput): Promise<EscalationItem> {
    return this.review(id, "denied", review);
  }

  async get(id: string): Promise<EscalationItem | undefined> {
    const row = await this.store.get(id);
    return row ? toItem(row) : undefined;
  }

  async list(query: EscalationListQuery = {}): Promise<EscalationItem[]> {
    return (await this.store.list(query)).map(toItem);
  }

  /** The item's audit trail, oldest first. */
  async history(id: string): Promise<EscalationEventRow[]> {
    await this.require(id);
    return this.store.history(id);
  }

  /**
   * Applies the timeout policy to pending items older than the timeout whose waiter is gone (e.g. the
   * process that held them restarted). Returns how many it decided.
   */
  async expireOverdue(olderThanMs: number = this.config.timeoutMs): Promise<number> {
    const cutoff = this.clock() - olderThanMs;
    let decided = 0;
    for (;;) {
      const page = await this.store.list({ status: "pending", limit: 100 });
      const overdue = page.filter((r) => Date.parse(r.createdAt) <= cutoff);
      for (const r of overdue) if ((await this.expire(r.id)).timedOut) decided++;
      // Pending items are listed oldest first: a page with a young item has no overdue ones after it.
      if (overdue.length < page.length || page.length === 0) return decided;
    }
  }

  private async review(
    id: string,
    status: "approved" | "denied",
    review: ReviewInput,
  ): Promise<EscalationItem> {
    if (typeof review?.reviewer !== "string" || review.reviewer.trim() === "")
      throw new EscalationError("a review needs the reviewer's name");
    const now = this.iso();
    const note = review.note ?? null;
    // A pending item's verdict decides the held response; a released one's comes after the fact, and
    // the item stays flagged (it went out without approval).
    for (const from of ["pending", "released"] as const) {
      const patch = { status, updatedAt: now, reviewer: review.reviewer, note, flagged: from === "released" };
      const event = this.event(id, now, review.reviewer, status, from, status, note);
      const row = await this.store.transition(id, [from], patch, event);
      if (!row) continue;
      this.notify(row);
      return toItem(row);
    }
    const current = await this.require(id);
    throw new EscalationError(
      `escalation ${id} is already ${current.status}${current.reviewer ? ` by ${current.reviewer}` : ""} (${current.updatedAt})`,
    );
  }

  /** Decides a pending item by the timeout policy; if someone decided first, returns their decision. */
  private async expire(id: string): Promise<{ row: EscalationRow; timedOut: boolean }> {
    const now = this.iso();
    const release = this.config.onTimeout === "release-flagged";
    const status: EscalationStatus = release ? "released" : "denied";
    const note = `no review in time; escalation onTimeout: ${this.config.onTimeout}`;
    const row = await this.store.transition(
      id,
      ["pending"],
      { status, updatedAt: now, reviewer: TIMEOUT_ACTOR, note, flagged: release },
      this.event(id, now, TIMEOUT_ACTOR, "timed-out", "pending", status, note),
    );
    if (row) {
      this.notify(row, true);
      return { row, timedOut: true };
    }
    return { row: await this.require(id), timedOut: false };
  }

  private notify(row: EscalationRow, timedOut = false): void {
    for (const w of [...(this.waiters.get(row.id) ?? [])]) w.settle(row, timedOut);
  }

  private async require(id: string): Promise<EscalationRow> {
    const row = await this.store.get(id);
    if (!row) throw new EscalationError(`no escalation with id ${id}`);
    return row;
  }

  private iso(): string {
    return new Date(this.clock()).toISOString();
  }

  private event(
    itemId: string,
    at: string,
    actor: string,
    action: EscalationEventAction,
    fromStatus: EscalationStatus | null,
    toStatus: EscalationStatus,
    note: string | null,
  ): EscalationEventRow {
    return { id: randomUUID(), itemId, at, actor, action, fromStatus, toStatus, note };
  }
}
