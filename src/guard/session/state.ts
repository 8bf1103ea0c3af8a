/**
 * Per-conversation state the rails share: the turn counter, the untrusted sources read (taint), and
 * the conversation-risk history. It is a plain JSON-serialisable object, so a shared store (Redis,
 * a database row) can hold it between requests; the functions here are the only writers.
 *
 * The taint rule: text the application did not write — retrieved documents from outside
 * `retrieval.allowSources`, and tool results — may carry instructions (indirect prompt injection).
 * Once such text has been read, the session is tainted: a call to a high-risk tool (or any tool whose
 * `untrustedInput` says so) is blocked or held for approval until the taint clears. With
 * `session.taint: turn` (the default) it clears when the next user turn begins; with
 * `conversation` it never clears, for applications that keep tool results in the context for good.
 */
import { randomUUID } from "node:crypto";
import type { ConversationRiskState } from "./conversation-risk.js";

export type UntrustedKind = "retrieval" | "toolResult";

/** One piece of untrusted text that was read. */
export interface UntrustedSource {
  kind: UntrustedKind;
  /** The document id, or the tool call id (the tool name when the call has no id). */
  id: string;
  /** Where it came from: the document's source (URL or id), or the tool's name. */
  origin?: string;
  /** The turn it was read in. */
  turn: number;
}

export interface SessionState {
  id: string;
  /** Turns begun so far (the first user turn is 1). */
  turn: number;
  /** Untrusted sources read in the current turn (or conversation, per `session.taint`), oldest first. */
  untrusted: UntrustedSource[];
  risk: ConversationRiskState;
}

/** Enough to name what tainted a turn; more sources add nothing to the decision. */
export const MAX_UNTRUSTED_SOURCES = 64;

export function createSession(id: string = randomUUID()): SessionState {
  return { id, turn: 0, untrusted: [], risk: { turns: [] } };
}

/** Starts a new user turn: counts it and, with taint scope "turn", clears the taint. */
export function beginTurn(session: SessionState, taint: "turn" | "conversation" = "turn"): void {
  session.turn += 1;
  if (taint === "turn") session.untrusted = [];
}

/** Records that untrusted text was read in this turn. The same source is recorded once. */
export function markTainted(session: SessionState, source: Omit<UntrustedSource, "turn">): void {
  const seen = session.untrusted.some((s) => s.kind === source.kind && s.id === source.id);
  if (seen) return;
  if (session.untrusted.length >= MAX_UNTRUSTED_SOURCES) session.untrusted.shift();
  const entry: UntrustedSource = { kind: source.kind, id: source.id, turn: session.turn };
  if (source.origin !== undefined) entry.origin = source.origin;
  session.untrusted.push(entry);
}

export function isTainted(session: SessionState): boolean {
  return session.untrusted.length > 0;
}

/** "retrieval doc-7 (https://wiki.example.com/x), toolResult call_1 (web_fetch)" — for reasons. */
export function describeTaint(session: SessionState, max = 3): string {
  const parts = session.untrusted
    .slice(-max)
    .map((s) => `${s.kind} ${s.id}${s.origin !== undefined && s.origin !== s.id ? ` (${s.origin})` : ""}`);
  const more = session.untrusted.length - parts.length;
  return more > 0 ? `${parts.join(", ")} and ${more} more` : parts.join(", ");
}
