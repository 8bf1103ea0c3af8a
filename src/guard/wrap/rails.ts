/**
 * The rails around one model call, independent of any SDK's message shapes (the Provider wrapper, the AI
 * SDK middleware and the OpenAI client wrapper all use these):
 *
 * - before: the input rail on the last user message (as a session turn when a new turn begins), then
 *   the toolResult rail on each tool result of the current turn (which taints the session);
 * - after: the output rail on the answer text, then the tool rail on each tool call — skipped when the
 *   answer is blocked, since the whole answer is replaced.
 */
import type { ToolCall } from "../../providers/types.js";
import type { JudgeCheckContext } from "../cascade/types.js";
import type { Guard } from "../create-guard.js";
import { checkTurn } from "../session/check-turn.js";
import { createSession, type SessionState } from "../session/state.js";
import { checkToolCall } from "../tools/check-tool-call.js";
import { checkToolResult } from "../tools/check-tool-result.js";
import type { ToolDecision, ToolResultCheck } from "../tools/types.js";
import type { Decision } from "../types.js";

export interface RailToolResult {
  callId: string;
  name: string;
  /** A string, or structured data (checked as `path: value` lines). */
  content: unknown;
}

export interface RailInput {
  userText?: string;
  /** The call begins a new user turn (the conversation ends with the user message). */
  newTurn: boolean;
  toolResults: readonly RailToolResult[];
}

export interface InputRails {
  input?: Decision;
  toolResults: ToolResultCheck[];
  /** The input decision, when it blocks or escalates: the model must not be called. */
  blocked?: Decision;
}

export interface OutputRails {
  output?: Decision;
  toolCalls: ToolDecision[];
  /** The output decision, when it blocks or escalates: the answer is replaced by the safe reply. */
  blocked?: Decision;
}

/** A decision that stops the text: block, or escalate (held for a person). */
export function stops(d: Decision): boolean {
  return d.action === "block" || d.action === "escalate";
}

/** The session to use: the caller's, or a fresh one (keyed by ctx.sessionId, so tool rate limits still count). */
export function sessionFor(session: SessionState | undefined, ctx: JudgeCheckContext): SessionState {
  return session ?? createSession(ctx.sessionId);
}

export async function runInputRails(
  guard: Guard,
  input: RailInput,
  session: SessionState,
  ctx: JudgeCheckContext,
): Promise<InputRails> {
  const out: InputRails = { toolResults: [] };
  if (input.userText !== undefined) {
    const turnCtx = { ...ctx, sessionId: ctx.sessionId ?? session.id };
    const d = input.newTurn
      ? await checkTurn(guard, input.userText, session, turnCtx)
      : await guard.checkInput(input.userText, turnCtx);
    out.input = d;
    if (stops(d)) {
      out.blocked = d;
      return out;
    }
  }
  for (const r of input.toolResults) {
    out.toolResults.push(await checkToolResult(guard, r.name, r.content, session, { callId: r.callId, ctx }));
  }
  return out;
}

export async function runOutputRails(
  guard: Guard,
  text: string,
  calls: readonly ToolCall[],
  session: SessionState,
  ctx: JudgeCheckContext,
): Promise<OutputRails> {
  const out: OutputRails = { toolCalls: [] };
  if (text !== "") {
    const d = await guard.checkOutput(text, ctx);
    out.output = d;
    if (stops(d)) {
      out.blocked = d;
      return out;
    }
  }
  for (const call of calls) out.toolCalls.push(await checkToolCall(guard, call, session, { ctx }));
  return out;
}

/** The text to pass on after a non-stopping decision (redacted, or cut to the size limit). */
export function passedText(d: Decision | undefined, original: string): string {
  return d?.text ?? original;
}

/** What the model reads instead of a withheld tool result, by default. */
export function defaultWithheldNotice(check: ToolResultCheck): string {
  const why = [...new Set(check.decision.reasons.map((f) => f.category))].join(", ") || check.decision.action;
  return `[tool result withheld by the guard (${why})]`;
}

/** The tool calls that may run, with the arguments the rail passed (redacted where the policy redacts). */
export function allowedCalls(calls: readonly ToolCall[], decisions: readonly ToolDecision[]): ToolCall[] {
  const out: ToolCall[] = [];
  calls.forEach((call, i) => {
    const d = decisions[i];
    if (d?.action === "allow") out.push({ ...call, arguments: d.arguments ?? call.arguments });
  });
  return out;
}

/** The safe reply of the first tool call that was stopped. */
export function stoppedCallReply(decisions: readonly ToolDecision[], fallback: string): string {
  return decisions.find((d) => d.action !== "allow")?.safeReply ?? fallback;
}
