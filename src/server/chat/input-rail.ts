/**
 * The proxy's input rail, over the messages of one request:
 *
 * - the last user message goes through the input stage as the next turn of the session (conversation
 *   risk included); a redaction is written into the message the model gets; a block or escalation
 *   stops the request;
 * - tool messages after it (results of calls made in this turn) go through the toolResult stage; a
 *   result the policy blocks is withheld from the model (its content replaced by a notice), a redacted
 *   one is passed on redacted, and every result read taints the turn for the tool rail;
 * - documents sent in the `guardstack.documents` extension go through the retrieval rail; the kept ones
 *   are spotlighted and added as a system message just before the last user message.
 *
 * Earlier turns were checked when they were sent and are passed on as they are.
 */
import type { Guard } from "../../guard/create-guard.js";
import { checkRetrieved, type RetrievalCheck } from "../../guard/retrieval/index.js";
import { checkTurn, type SessionState } from "../../guard/session/index.js";
import { checkToolResult, type ToolResultCheck } from "../../guard/tools/index.js";
import type { CheckContext, Decision } from "../../guard/types.js";
import type { ChatMessage } from "../../providers/types.js";
import { releasedText } from "../runtime/escalations.js";
import { lastUserIndex, systemPromptOf, toolNameFor } from "./messages.js";
import type { GuardstackExtension } from "./request-schema.js";
import { stageSummary, type GuardReport } from "./summary.js";

export interface InputRailResult {
  /** The messages to forward (redacted, tool results withheld, documents added). */
  messages: ChatMessage[];
  /** Facts for the output-side checks: system prompt, canaries, kept documents. */
  ctx: CheckContext;
  /** The decision on the last user message. */
  input?: Decision;
  /** The checks of the tool results read in this turn, each with the call it answers. */
  toolResults: Array<ToolResultCheck & { callId: string }>;
  retrieval?: RetrievalCheck;
  /**
   * The decision on the user's message that stops the request (block or escalate), when one does. After
   * an escalation the rest of the turn is still checked, and the message is left with the policy's
   * redactions applied, ready to go on if a reviewer releases it.
   */
  stop?: Decision;
  /** The user text the stopping decision was about (for the review queue). */
  stopText?: string;
}

/** What replaces a tool result the policy does not let the model read. */
export function withheldNotice(d: Decision): string {
  const categories = [...new Set(d.reasons.map((r) => r.category))].join(", ");
  return `[guardstack: this tool result was withheld by the guard (${categories || d.action})]`;
}

export async function runInputRail(
  guard: Guard,
  source: readonly ChatMessage[],
  ext: GuardstackExtension | undefined,
  session: SessionState,
  base: CheckContext,
  /** The session is kept across requests (the client sent a session id). */
  persistent = false,
): Promise<InputRailResult> {
  const messages = source.map((m) => ({ ...m }));
  const ctx: CheckContext = { ...base, sessionId: session.id };
  const systemPrompt = systemPromptOf(messages);
  if (systemPrompt !== undefined) ctx.systemPrompt = systemPrompt;
  if (ext?.canaries !== undefined) ctx.canaries = ext.canaries;
  const result: InputRailResult = { messages, ctx, toolResults: [] };

  const u = lastUserIndex(messages);
  if (u >= 0) {
    const user = messages[u] as ChatMessage;
    // A request that ends with tool results continues the turn its user message began: in a kept
    // session that turn was already counted (and its taint is still in force), so it is not begun again.
    const continues = persistent && u < messages.length - 1;
    const decision = continues
      ? await guard.checkInput(user.content, ctx)
      : await checkTurn(guard, user.content, session, ctx);
    result.input = decision;
    if (decision.action === "block") {
      result.stop = decision;
      result.stopText = user.content;
      return result;
    }
    if (decision.action === "escalate") {
      // The rest of the turn is still checked: a reviewer may release the request.
      result.stop = decision;
      result.stopText = user.content;
      user.content = releasedText(user.content, decision, guard.policy);
    }
    if (decision.action === "modify" && decision.text !== undefined) user.content = decision.text;
  }

  for (let i = u + 1; i < messages.length; i++) {
    const m = messages[i] as ChatMessage;
    if (m.role !== "tool") continue;
    const callId = m.toolCallId ?? "";
    const tool = toolNameFor(messages, i, callId) ?? m.name ?? "unknown-tool";
    const check = await checkToolResult(guard, tool, m.content, session, { callId, ctx });
    result.toolResults.push({ ...check, callId });
    const d = check.decision;
    if (d.action === "block" || d.action === "escalate") m.content = withheldNotice(d);
    else if (d.action === "modify" && d.text !== undefined) m.content = d.text;
  }

  const docs = ext?.documents;
  if (docs && docs.length > 0) {
    const retrieval = await checkRetrieved(
      guard,
      docs.map((d) =>
        d.source !== undefined ? { id: d.id, text: d.text, source: d.source } : { id: d.id, text: d.text },
      ),
      session,
      { ctx },
    );
    result.retrieval = retrieval;
    if (retrieval.kept.length > 0) {
      const spot = retrieval.spotlight;
      const content = spot.systemPrompt ? `${spot.systemPrompt}\n\n${spot.text}` : spot.text;
      messages.splice(u >= 0 ? u : messages.length, 0, { role: "system", content });
      ctx.context = retrieval.kept.map((d) => d.text);
    }
  }
  return result;
}

/** The input side of the response's `guardstack` report. */
export function reportInput(report: GuardReport, r: InputRailResult): void {
  if (r.input) report.input = stageSummary(r.input);
  if (r.toolResults.length > 0)
    report.toolResults = r.toolResults.map((t) => ({
      ...stageSummary(t.decision),
      tool: t.tool,
      callId: t.callId,
    }));
  if (r.retrieval)
    report.documents = r.retrieval.docs.map((d) => ({
      id: d.id,
      status: d.status,
      trusted: d.trusted,
      reasons: d.reasons,
    }));
}
