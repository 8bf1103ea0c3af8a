/** Shapes of a guarded model call: what each rail decided, attached to the response. */
import type { ChatChunk, ChatRequest, ChatResponse, Provider } from "../../providers/types.js";
import type { JudgeCheckContext } from "../cascade/types.js";
import type { SessionState } from "../session/state.js";
import type { StreamGuardOptions } from "../streaming/types.js";
import type { ToolDecision, ToolResultCheck } from "../tools/types.js";
import type { Decision } from "../types.js";

/** Every decision the rails made for one model call. */
export interface GuardReport {
  /** The input rail over the last user message (absent when the request has none). */
  input?: Decision;
  /** The toolResult rail over each tool message since the last user message. */
  toolResults: ToolResultCheck[];
  /** The output rail over the answer text (absent when the input was blocked or the answer had no text). */
  output?: Decision;
  /** The tool rail over each tool call the model made. */
  toolCalls: ToolDecision[];
  /** Where the guard replaced the exchange with the safe reply, if it did. */
  blockedAt?: "input" | "output";
}

export interface GuardedChatResponse extends ChatResponse {
  guard: GuardReport;
}

export type FinishChunk = Extract<ChatChunk, { type: "finish" }>;

/** A streamed chunk; the finish chunk carries the report. */
export type GuardedChatChunk =
  Exclude<ChatChunk, { type: "finish" }> | (FinishChunk & { guard: GuardReport });

export interface GuardedProvider extends Provider {
  readonly inner: Provider;
  complete(request: ChatRequest): Promise<GuardedChatResponse>;
  stream(request: ChatRequest): AsyncIterable<GuardedChatChunk>;
}

export interface WrapOptions {
  /**
   * Facts for the detectors, fixed or per request. The system messages are used as `systemPrompt`
   * unless one is given; `sessionId` also keys the tool rate limits.
   */
  ctx?: JudgeCheckContext | ((request: ChatRequest) => JudgeCheckContext);
  /**
   * Conversation state shared by the rails (turns, taint, conversation risk). Give one per
   * conversation to carry taint and risk across calls; without it, each call gets a fresh session.
   */
  session?: SessionState | ((request: ChatRequest) => SessionState | undefined);
  /** Options of the streaming output rail. */
  stream?: Omit<StreamGuardOptions, "ctx" | "stage">;
  /** Provider name (default `guarded:<inner name>`). */
  name?: string;
  /** What the model reads instead of a tool result the guard blocked or held. */
  withheldToolResult?: (check: ToolResultCheck) => string;
}
