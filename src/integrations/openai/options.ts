/** Options and result shapes of the guarded OpenAI client. */
import type OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
} from "openai/resources/chat/completions";
import type { JudgeCheckContext } from "../../guard/cascade/types.js";
import type { SessionState } from "../../guard/session/state.js";
import type { StreamGuardOptions } from "../../guard/streaming/types.js";
import type { ToolResultCheck } from "../../guard/tools/types.js";
import type { GuardReport } from "../../guard/wrap/types.js";

export type OpenAIRequestOptions = Parameters<OpenAI["chat"]["completions"]["create"]>[1];

export interface GuardOpenAIOptions {
  /** Facts for the detectors, fixed or per request; system and developer messages are the default `systemPrompt`. */
  ctx?: JudgeCheckContext | ((body: ChatCompletionCreateParamsBase) => JudgeCheckContext);
  /** Conversation state (turns, taint, risk), fixed or per request; default a fresh session per request. */
  session?: SessionState | ((body: ChatCompletionCreateParamsBase) => SessionState | undefined);
  stream?: Omit<StreamGuardOptions, "ctx" | "stage">;
  withheldToolResult?: (check: ToolResultCheck) => string;
}

export type GuardedChatCompletion = ChatCompletion & { guard: GuardReport };

/** The chunks of a guarded stream (only checked text), plus the report, complete once the stream ends. */
export interface GuardedChatCompletionStream extends AsyncIterable<ChatCompletionChunk> {
  readonly guard: GuardReport;
  /** Aborts the upstream request. */
  readonly controller: AbortController;
}
