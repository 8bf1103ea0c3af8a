/** The server room: `guardstack serve` — the guard API and the OpenAI-compatible proxy. */
export { startServer, defaultLogger, type RunningServer, type StartServerOptions } from "./server.js";
export { closeOnSignals } from "./signals.js";
export { createApp, type AppOptions, type MountedApps } from "./app.js";
export { createServerState, type ServerState, type ServerStateOptions } from "./runtime/state.js";
export {
  ServerConfigSchema,
  KeyConfigSchema,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_MAX_BODY_BYTES,
  type ServerConfig,
  type ServerConfigInput,
  type KeyConfig,
} from "./config/schema.js";
export {
  loadServerConfig,
  parseServerConfig,
  ServerConfigError,
  type LoadedServerConfig,
  type ServerConfigOverrides,
} from "./config/load.js";
export { hashKey } from "./auth/hash-key.js";
export { KeyRing, type Caller } from "./auth/key-ring.js";
export { HttpError, type OpenAIErrorBody } from "./http/openai-error.js";
export { ServerMetrics } from "./metrics/server-metrics.js";
export type {
  GuardReport,
  StageSummary,
  ToolSummary,
  DocumentSummary,
  EscalationSummary,
} from "./chat/summary.js";
export { GuardstackExtensionSchema, type GuardstackExtension } from "./chat/request-schema.js";
