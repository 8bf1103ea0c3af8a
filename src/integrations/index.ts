/** The guard in other ecosystems: Vercel AI SDK middleware and the OpenAI client wrapper. */
export * from "./ai-sdk/index.js";
export * from "./openai/index.js";
