/**
 * One chat request on its way through the proxy, and what both response paths (whole and streamed)
 * share: deciding what a stopping decision does (escalate or refuse), recording violations as strikes,
 * charging output tokens, and the client-facing upstream error.
 */
import type { Guard } from "../../guard/create-guard.js";
import type { Limiter } from "../../guard/limits/index.js";
import { estimateTokens } from "../../guard/limits/index.js";
import type { SessionState } from "../../guard/session/index.js";
import type { ToolDecision } from "../../guard/tools/index.js";
import type { Decision } from "../../guard/types.js";
import type { Stage } from "../../policy/stages.js";
import { ProviderError, type ChatRequest, type Usage } from "../../providers/types.js";
import type { Caller } from "../auth/key-ring.js";
import { HttpError, toHttpError } from "../http/openai-error.js";
import type { ServerState } from "../runtime/state.js";
import type { InputRailResult } from "./input-rail.js";
import type { GuardReport } from "./summary.js";

export interface ChatTurn {
  state: ServerState;
  caller: Caller;
  guard: Guard;
  limiter: Limiter;
  userId?: string;
  session: SessionState;
  rail: InputRailResult;
  report: GuardReport;
  /** The model name the response reports. */
  model: string;
  upstreamRequest: ChatRequest;
  includeUsage: boolean;
}

/** What a stopping decision comes to after escalation: refuse with this reply, or let the text through. */
export type StopOutcome =
  { refuse: false } | { refuse: true; safeReply: string; stage: Stage; layer: string };

/**
 * An escalation goes to the review queue (when configured); a block, or an escalation nobody released,
 * refuses. A block counts as a strike against the user.
 */
export async function settleStop(
  turn: ChatTurn,
  d: Decision,
  text: string,
  opts: { noWait?: boolean } = {},
): Promise<StopOutcome> {
  if (d.action === "escalate") {
    const esc = await turn.state.escalations.handle({
      stage: d.stage,
      text,
      decision: d,
      policy: turn.guard.policy,
      ...(turn.userId !== undefined ? { userId: turn.userId } : {}),
      sessionId: turn.session.id,
      ...(opts.noWait ? { noWait: true } : {}),
    });
    if (esc.summary) (turn.report.escalations ??= []).push(esc.summary);
    if (esc.release) return { refuse: false };
  } else {
    // A strike weighs on the user's next requests, not on this answer: recorded off the response's path.
    turn.state.background.run("recording a strike", recordViolation(turn, d));
  }
  return {
    refuse: true,
    safeReply: d.safeReply ?? turn.guard.policy.safeReply,
    stage: d.stage,
    layer: d.layer,
  };
}

/** Tool calls the rail stopped: escalations are reviewed one by one; any refusal refuses the response. */
export async function settleToolStops(
  turn: ChatTurn,
  stops: readonly ToolDecision[],
  opts: { noWait?: boolean } = {},
): Promise<StopOutcome> {
  for (const t of stops) {
    if (t.action === "escalate" && t.stage && turn.state.escalations.queue) {
      const esc = await turn.state.escalations.handle({
        stage: "toolCall",
        text: t.arguments ?? "",
        decision: { ...t.stage, action: "escalate" },
        policy: turn.guard.policy,
        ...(turn.userId !== undefined ? { userId: turn.userId } : {}),
        sessionId: turn.session.id,
        ...(opts.noWait ? { noWait: true } : {}),
      });
      if (esc.summary) (turn.report.escalations ??= []).push(esc.summary);
      if (esc.release) continue;
    }
    return {
      refuse: true,
      safeReply: t.safeReply ?? turn.guard.policy.safeReply,
      stage: "toolCall",
      layer: "tool-rail",
    };
  }
  return { refuse: false };
}

export async function recordViolation(turn: ChatTurn, d: Decision): Promise<void> {
  const category = d.reasons[0]?.category;
  if (turn.userId === undefined || category === undefined) return;
  const v = await turn.limiter.recordViolation({ userId: turn.userId, category });
  if (v.error !== undefined) turn.state.logger.warn({ error: v.error }, "could not record a strike");
}

/**
 * Output tokens count against the token rates once they are known (the upstream's count, else chars/4),
 * off the response's path: the charge weighs on the next requests, and shutdown waits for it.
 */
export function chargeOutputLater(turn: ChatTurn, usage: Usage | undefined, text: string): void {
  turn.state.background.run("charging output tokens", chargeOutput(turn, usage, text));
}

/** Output tokens count against the token rates once they are known (the upstream's count, else chars/4). */
export async function chargeOutput(turn: ChatTurn, usage: Usage | undefined, text: string): Promise<void> {
  const tokens = usage?.outputTokens ?? estimateTokens(text);
  if (tokens <= 0) return;
  const r = await turn.limiter.charge({
    keyId: turn.caller.keyId,
    tokens,
    ...(turn.userId !== undefined ? { userId: turn.userId } : {}),
  });
  if (r.reason === "store-error")
    turn.state.logger.warn({ error: r.error }, "could not charge output tokens");
}

/** The client went away: the upstream call was aborted on purpose, which is no upstream failure. */
export const CLIENT_GONE = new HttpError(
  499,
  "The client closed the connection.",
  "invalid_request_error",
  "client_closed",
);

/** An upstream failure as the client sees it, logged in full and counted. */
export function upstreamFailure(state: ServerState, err: unknown, signal?: AbortSignal): HttpError {
  if (signal?.aborted) {
    state.logger.debug("client closed the connection; upstream call aborted");
    return CLIENT_GONE;
  }
  if (err instanceof ProviderError) {
    state.metrics.upstreamError(err.kind);
    state.logger.warn({ kind: err.kind, status: err.status, err: err.message }, "upstream call failed");
  } else if (!(err instanceof HttpError)) {
    state.metrics.upstreamError("other");
    state.logger.error({ err }, "upstream call failed unexpectedly");
  }
  return toHttpError(err);
}
