/** The official OpenAI client wrapped in the guard's rails. */
export { guardOpenAI, type GuardedCompletions, type GuardedOpenAI } from "./guard-openai.js";
export type {
  GuardedChatCompletion,
  GuardedChatCompletionStream,
  GuardOpenAIOptions,
  OpenAIRequestOptions,
} from "./options.js";
export { readOpenAITurn, rewriteOpenAIMessages, type OpenAITurn } from "./messages.js";
