/**
 * The official OpenAI client, guarded: `chat.completions.create(params)` runs the input rails, calls the
 * real client with the checked messages, and runs the output and tool rails on the answer — streaming
 * included (an async iterable of OpenAI chunks carrying only checked text).
 *
 *   const ai = guardOpenAI(new OpenAI(), guard);
 *   const r = await ai.chat.completions.create({ model: "gpt-4o-mini", messages });
 *   r.choices[0].message.content; r.guard.input?.action;
 */
import type OpenAI from "openai";
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import type { Guard } from "../../guard/create-guard.js";
import { guardedCreate } from "./complete.js";
import type {
  GuardedChatCompletion,
  GuardedChatCompletionStream,
  GuardOpenAIOptions,
  OpenAIRequestOptions,
} from "./options.js";
import { prepare } from "./prepare.js";
import { guardedStream } from "./stream.js";

export interface GuardedCompletions {
  create(
    body: ChatCompletionCreateParamsNonStreaming,
    options?: OpenAIRequestOptions,
  ): Promise<GuardedChatCompletion>;
  create(
    body: ChatCompletionCreateParamsStreaming,
    options?: OpenAIRequestOptions,
  ): Promise<GuardedChatCompletionStream>;
  create(
    body: ChatCompletionCreateParamsBase,
    options?: OpenAIRequestOptions,
  ): Promise<GuardedChatCompletion | GuardedChatCompletionStream>;
}

export interface GuardedOpenAI {
  /** The wrapped client, for every API the guard does not cover. */
  readonly client: OpenAI;
  readonly chat: { readonly completions: GuardedCompletions };
}

export function guardOpenAI(client: OpenAI, guard: Guard, options: GuardOpenAIOptions = {}): GuardedOpenAI {
  async function create(
    body: ChatCompletionCreateParamsBase,
    requestOptions?: OpenAIRequestOptions,
  ): Promise<GuardedChatCompletion | GuardedChatCompletionStream> {
    const prep = await prepare(guard, body, options);
    if (body.stream === true)
      return guardedStream(
        client,
        guard,
        body as ChatCompletionCreateParamsStreaming,
        requestOptions,
        options,
        prep,
      );
    return guardedCreate(client, guard, body as ChatCompletionCreateParamsNonStreaming, requestOptions, prep);
  }
  return { client, chat: { completions: { create: create as GuardedCompletions["create"] } } };
}
