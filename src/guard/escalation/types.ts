/**
 * The escalation queue's shapes. The store speaks in plain rows (strings, numbers, booleans, null; ids as
 * strings, times as ISO-8601), so a SQL table can back it column for column; the queue turns rows into
 * the richer items its callers see.
 */
import type { DecisionAction } from "../types.js";
import type { RuleAction } from "../../policy/schema.js";
import type { Stage } from "../../policy/stages.js";

/**
 * pending: held, waiting for a reviewer. approved / denied: a reviewer (or the timeout policy, as
 * "system:timeout") decided. released: let out flagged without approval — at once (mode release-flagged)
 * or on timeout — and still open to a reviewer's verdict after the fact.
 */
export const ESCALATION_STATUSES = ["pending", "approved", "denied", "released"] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const ESCALATION_EVENT_ACTIONS = ["enqueued", "approved", "denied", "timed-out"] as const;
export type EscalationEventAction = (typeof ESCALATION_EVENT_ACTIONS)[number];

/** What a reviewer needs to know about the guard's decision; never the unredacted text. */
export interface DecisionSummary {
  action: DecisionAction;
  layer: string;
  policy: { name: string; version: string };
  reasons: Array<{ detector: string; category: string; score: number; label?: string; evidence?: string }>;
  /** Which rule action each reason triggered (category -> action). */
  ruleActions: Record<string, RuleAction>;
}

/** One queued item, as stored. */
export interface EscalationRow {
  id: string;
  status: EscalationStatus;
  stage: string;
  /** The held text, redacted. */
  text: string;
  /** The DecisionSummary as JSON. */
  decision: string;
  userId: string | null;
  sessionId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Who last decided ("system:timeout" for the timeout policy); null while pending. */
  reviewer: string | null;
  note: string | null;
  /** Released without a reviewer's approval. */
  flagged: boolean;
}

/** One entry of an item's audit trail: who did what, when, and why. */
export interface EscalationEventRow {
  id: string;
  itemId: string;
  at: string;
  actor: string;
  action: EscalationEventAction;
  fromStatus: EscalationStatus | null;
  toStatus: EscalationStatus;
  note: string | null;
}

export type EscalationPatch = Pick<EscalationRow, "status" | "updatedAt" | "reviewer" | "note" | "flagged">;

export interface EscalationListQuery {
  status?: EscalationStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

export interface EscalationStore {
  /**
   * True when other processes may change rows (a SQL database): waiters then re-read the store every
   * pollIntervalMs, since they are not told of reviews made elsewhere.
   */
  readonly shared: boolean;
  /** Adds an item and its first audit event, in one step. */
  insert(row: EscalationRow, event: EscalationEventRow): Promise<void>;
  get(id: string): Promise<EscalationRow | undefined>;
  /**
   * Compare-and-set: when the item's status is one of `from`, applies `patch` and appends `event` in one
   * step and returns the updated row; otherwise changes nothing and returns undefined. (In SQL: UPDATE …
   * WHERE id = ? AND status IN (…), then INSERT the event, in one transaction.)
   */
  transition(
    id: string,
    from: readonly EscalationStatus[],
    patch: EscalationPatch,
    event: EscalationEventRow,
  ): Promise<EscalationRow | undefined>;
  /** Oldest first. */
  list(query: EscalationListQuery): Promise<EscalationRow[]>;
  /** The item's events in the order they were appended. */
  history(id: string): Promise<EscalationEventRow[]>;
}

/** What the queue's callers see of an item. */
export interface EscalationItem {
  id: string;
  status: EscalationStatus;
  stage: Stage;
  text: string;
  decision: DecisionSummary;
  userId?: string;
  sessionId?: string;
  createdAt: string;
  updatedAt: string;
  reviewer?: string;
  note?: string;
  flagged: boolean;
}

/** How a wait for review ended. */
export interface ReviewOutcome {
  id: string;
  status: EscalationStatus;
  /** Pass the held response on (approved, or released flagged). */
  release: boolean;
  /** Released without a reviewer's approval. */
  flagged: boolean;
  /** No reviewer decided in time; the timeout policy did. */
  timedOut: boolean;
  reviewer?: string;
  note?: string;
}

export interface ReviewInput {
  reviewer: string;
  /** Why: shown in the audit trail. */
  note?: string;
}

/** Misuse of the queue: an unknown id, a decision on an item already decided, a missing reviewer. */
export class EscalationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EscalationError";
  }
}
