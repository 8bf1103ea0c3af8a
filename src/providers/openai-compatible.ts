/**
 * A Provider for any server that speaks the OpenAI Chat Completions API — OpenAI itself, vLLM, Ollama,
 * llama.cpp server, LM Studio — through the official `openai` SDK pointed at `baseURL`.
 */
import OpenAI from "openai";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  DUMMY_API_KEY,
  trimTrailingSlashes,
} from "./defaults.js";
import { badResponseError, timeoutError, toProviderError, type ErrorContext } from "./errors.js";
import { withIdleTimeout } from "./idle-timeout.js";
import { createLimiter } from "./limiter.js";
import { fromOpenAICompletion, toOpenAIMessages, toOpenAITools } from "./openai-mapping.js";
import { OpenAIStreamReader } from "./openai-stream-reader.js";
import type { ChatChunk, ChatRequest, ChatResponse, Provider } from "./types.js";

export interface OpenAICompatibleOptions {
  /** Default `OPENAI_BASE_URL` or https://api.openai.com/v1; e.g. http://127.0.0.1:11434/v1 for Ollama. */
  baseURL?: string;
  model: string;
  apiKey?: string;
  /** Environment variable read for the key when `apiKey` is not given; default OPENAI_API_KEY. */
  apiKeyEnv?: string;
  /** Per attempt: time to the response headers, and the longest silence mid-stream. Default 120 s. */
  timeoutMs?: number;
  /** Retries done by the SDK (connection errors, timeouts, 429, 5xx). Default 2. */
  maxRetries?: number;
  /** Calls in flight at once from this provider; the rest queue. Default 8. */
  concurrency?: number;
  headers?: Record<string, string>;
  /** Label for reports and errors; default `openai:<model>`. */
  name?: string;
  /**
   * Which field carries `maxTokens`: OpenAI's reasoning models accept only `max_completion_tokens`, while
   * many local servers know only `max_tokens`. Default: the former for api.openai.com, else the latter.
   */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
}

export function openAICompatibleProvider(opts: OpenAICompatibleOptions): Provider {
  const baseURL = trimTrailingSlashes(
    opts.baseURL ?? process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
  );
  const apiKeyEnv = opts.apiKeyEnv ?? "OPENAI_API_KEY";
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({
    baseURL,
    apiKey: opts.apiKey ?? (process.env[apiKeyEnv] || DUMMY_API_KEY),
    timeout: timeoutMs,
    maxRetries: opts.maxRetries ?? DEFAULT_MAX_RETRIES,
    defaultHeaders: opts.headers,
  });
  const limiter = createLimiter(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const maxTokensField =
    opts.maxTokensField ??
    (baseURL.startsWith("https://api.openai.com") ? "max_completion_tokens" : "max_tokens");

  function context(request: ChatRequest): ErrorContext {
    return { baseURL, apiKeyEnv, timeoutMs, model: request.model ?? opts.model, signal: request.signal };
  }

  function params(request: ChatRequest) {
    return {
      model: request.model ?? opts.model,
      messages: toOpenAIMessages(request.messages),
      ...(request.tools?.length ? { tools: toOpenAITools(request.tools) } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { [maxTokensField]: request.maxTokens } : {}),
    };
  }

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    const ctx = context(request);
    return limiter.run(async () => {
      let body: unknown;
      try {
        body = await client.chat.completions.create(
          { ...params(request), stream: false },
          { signal: request.signal },
        );
      } catch (err) {
        throw toProviderError(err, ctx);
      }
      const response = fromOpenAICompletion(body);
      if (typeof response === "string") throw badResponseError(baseURL, response);
      return response;
    }, request.signal);
  }

  async function* stream(request: ChatRequest): AsyncGenerator<ChatChunk> {
    const ctx = context(request);
    const release = await limiter.acquire(request.signal);
    try {
      let sdkStream;
      try {
        sdkStream = await client.chat.completions.create(
          { ...params(request), stream: true, stream_options: { include_usage: true } },
          { signal: request.signal },
        );
      } catch (err) {
        throw toProviderError(err, ctx);
      }
      const source = sdkStream;
      const reader = new OpenAIStreamReader();
      const chunks = withIdleTimeout(source, timeoutMs, () => {
        source.controller.abort();
        return timeoutError(baseURL, timeoutMs, true);
      });
      try {
        for await (const chunk of chunks) {
          const text = reader.read(chunk);
          if (text !== null) yield { type: "text", delta: text };
        }
      } catch (err) {
        throw toProviderError(err, ctx);
      }
      // The SDK ends an aborted stream quietly; the caller's abort must still surface.
      if (request.signal?.aborted) throw toProviderError(new Error("aborted"), ctx);
      if (!reader.received) throw badResponseError(baseURL, "the stream carried no chunks");
      yield* reader.finish();
    } finally {
      release();
    }
  }

  return { name: opts.name ?? `openai:${opts.model}`, complete, stream };
}
