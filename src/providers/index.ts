/** The providers room: LLM adapters, their error mapping and limits, and the mock servers for tests. */
export * from "./types.js";
export { openAICompatibleProvider, type OpenAICompatibleOptions } from "./openai-compatible.js";
export { anthropicProvider, type AnthropicOptions } from "./anthropic.js";
export { functionProvider, type FunctionProviderOptions, type ProviderFunction } from "./custom.js";
export {
  replayProvider,
  replayProviderFromFile,
  loadReplayFile,
  ReplayRecordSchema,
  type ReplayRecord,
  type ReplayProviderOptions,
} from "./replay.js";
export { conversationKey } from "./conversation-key.js";
export {
  ProviderConfigSchema,
  ProviderConfigError,
  parseProviderConfig,
  providerFromConfig,
  type ProviderConfig,
  type ProviderFromConfigOptions,
} from "./from-config.js";
export { toProviderError, type ErrorContext } from "./errors.js";
export {
  createLimiter,
  withRetries,
  isRetryable,
  backoffDelay,
  type Limiter,
  type RetryOptions,
} from "./limiter.js";
export {
  startMockOpenAIServer,
  scriptedHandler,
  echoReply,
  type MockHandler,
  type MockOpenAIServer,
  type MockOpenAIServerOptions,
  type MockReply,
  type ScriptRule,
} from "./testing/mock-openai-server.js";
export {
  startMockAnthropicServer,
  type MockAnthropicHandler,
  type MockAnthropicServer,
  type MockAnthropicServerOptions,
} from "./testing/mock-anthropic-server.js";
