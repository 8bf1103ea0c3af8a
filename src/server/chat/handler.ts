/**
 * `POST /v1/chat/completions`: parse and validate, rate-limit, run the input rail, then answer whole or
 * streamed. A request the input rail stops is answered as a normal completion (or a short stream) whose
 * content is the policy's safe reply, with finish_reason "content_filter" and the decision in the
 * `guardstack` extension object; the upstream is never called.
 */
import type { CheckContext } from "../../guard/types.js";
import type { Caller } from "../auth/key-ring.js";
import { rateLimitError } from "../http/rate-limit-error.js";
import type { ServerState } from "../runtime/state.js";
import { completeChat, refusalResponse } from "./complete.js";
import { reportInput, runInputRail } from "./input-rail.js";
import { lastUserIndex, toChatMessages, toToolSpecs } from "./messages.js";
import type { ChatReply } from "./reply.js";
import { parseChatRequest } from "./request-schema.js";
import { refusalStream, streamChat } from "./stream.js";
import type { GuardReport } from "./summary.js";
import { settleStop, type ChatTurn } from "./turn.js";

function upstreamModelName(state: ServerState): string {
  const u = state.config.upstream;
  return u.kind === "replay" ? (u.name ?? "replay") : u.model;
}

/**
 * `json` is the request's parsed body; `signal` aborts when the client goes away (the upstream call is
 * cancelled with it).
 */
export async function handleChat(
  state: ServerState,
  caller: Caller,
  json: unknown,
  signal: AbortSignal,
): Promise<ChatReply> {
  const { request: body, ignoredParams } = parseChatRequest(json);
  const messages = toChatMessages(body.messages);
  const guard = state.guardFor(caller);
  const limiter = state.limiterFor(caller);
  const userId = body.user;

  const u = lastUserIndex(messages);
  const limit = await limiter.check({
    keyId: caller.keyId,
    text: u >= 0 ? (messages[u]?.content ?? "") : "",
    ...(userId !== undefined ? { userId } : {}),
  });
  if (!limit.allowed) {
    state.metrics.rateLimit(limit.reason);
    throw rateLimitError(limit);
  }

  const ext = body.guardstack;
  const { session, persistent } = state.sessions.get(caller.keyId, ext?.sessionId);
  // keyId rides along for the audit trail (withAudit reads it); the guard itself ignores it.
  const base: CheckContext & { keyId: string } = {
    keyId: caller.keyId,
    ...(userId !== undefined ? { userId } : {}),
  };
  const rail = await runInputRail(guard, messages, ext, session, base, persistent);
  if (rail.input) state.metrics.observeDecision(rail.input);
  for (const t of rail.toolResults) state.metrics.observeDecision(t.decision);
  for (const d of rail.retrieval?.docs ?? []) state.metrics.observeDecision(d.decision);

  const report: GuardReport = { policy: { name: guard.policy.name, version: guard.policyVersion } };
  if (ignoredParams.length > 0) report.ignoredParams = ignoredParams;
  reportInput(report, rail);

  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  const tools = toToolSpecs(body.tools);
  const turn: ChatTurn = {
    state,
    caller,
    guard,
    limiter,
    session,
    rail,
    report,
    model: body.model ?? upstreamModelName(state),
    upstreamRequest: {
      messages: rail.messages,
      signal,
      ...(body.model !== undefined ? { model: body.model } : {}),
      ...(tools ? { tools } : {}),
      ...(body.temperature !== undefined && body.temperature !== null
        ? { temperature: body.temperature }
        : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
    },
    includeUsage: body.stream_options?.include_usage === true,
    ...(userId !== undefined ? { userId } : {}),
  };
  const streaming = body.stream === true;

  if (rail.stop) {
    const stop = await settleStop(turn, rail.stop, rail.stopText ?? "");
    if (stop.refuse) {
      if (!streaming) return refusalResponse(turn, stop);
      report.blocked = { stage: stop.stage, layer: stop.layer };
      return refusalStream(turn, stop.safeReply);
    }
    // Released by a reviewer: the user's message goes on as it was written (it is already in rail.messages).
  }
  return streaming ? streamChat(turn) : completeChat(turn);
}
