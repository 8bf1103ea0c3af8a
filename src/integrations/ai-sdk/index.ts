/** The guard as Vercel AI SDK middleware (`wrapLanguageModel({ model, middleware: guardMiddleware(guard) })`). */
export { guardMiddleware, type GuardMiddlewareOptions } from "./middleware.js";
export { reportMetadata } from "./report-metadata.js";
export { readPromptTurn, rewritePrompt, type PromptTurn, type PromptToolResult } from "./prompt.js";
export { guardStreamParts, type StreamPartsOptions } from "./stream-parts.js";
