/** The shapes of monitoring: one audited decision as stored, and the filters that read them back. */
import type { DecisionAction } from "../guard/types.js";
import type { Stage } from "../policy/stages.js";

/** Why the decision was made, without evidence text (the audit trail keeps no excerpts). */
export interface AuditReason {
  detector: string;
  category: string;
  label?: string;
  score: number;
}

export interface AuditEvent {
  id: string;
  /** Epoch milliseconds. */
  time: number;
  stage: Stage;
  action: DecisionAction;
  /** The layer that decided, e.g. "input-rail". */
  layer: string;
  /** Category -> highest score among all findings (under threshold included). */
  categories: Record<string, number>;
  reasons: AuditReason[];
  /** The guard's total latency for the decision. */
  latencyMs: number;
  /** Detectors that failed (error or timeout). */
  failures: number;
  userId?: string;
  sessionId?: string;
  keyId?: string;
  policy: { name: string; version: string };
  /** The text with PII and secrets replaced by placeholders, cut to audit.maxStoredChars. */
  text: string;
  /** Salted SHA-256 of the whole raw text (32 hex): equal texts group without being kept. */
  textHash: string;
  /** The unredacted text, only when the policy opts in (audit.storeRawText). */
  rawText?: string;
  /** Length of the raw text, in UTF-16 code units. */
  textChars: number;
  /** True when the stored text was cut. */
  textTruncated: boolean;
}

export interface AuditQuery {
  /** Inclusive lower bound, epoch ms. */
  since?: number;
  /** Exclusive upper bound, epoch ms. */
  until?: number;
  userId?: string;
  sessionId?: string;
  stage?: Stage;
  action?: DecisionAction;
  /** Events with this category among their reasons. */
  category?: string;
  textHash?: string;
  ids?: readonly string[];
  /** Default 100. */
  limit?: number;
  offset?: number;
  /** Default "desc" (newest first). */
  order?: "asc" | "desc";
}
