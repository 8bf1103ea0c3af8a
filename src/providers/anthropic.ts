/**
 * A Provider for Anthropic's Messages API through the official `@anthropic-ai/sdk`.
 */
import Anthropic from "@anthropic-ai/sdk";
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
import {
  fromAnthropicMessage,
  fromAnthropicStopReason,
  toAnthropicMessages,
  toAnthropicTools,
} from "./anthropic-mapping.js";
import type { ChatChunk, ChatRequest, ChatResponse, FinishReason, Provider, ToolCall } from "./types.js";

export interface AnthropicOptions {
  model: string;
  apiKey?: string;
  /** Environment variable read for the key when `apiKey` is not given; default ANTHROPIC_API_KEY. */
  apiKeyEnv?: string;
  /** Server root without /v1; default `ANTHROPIC_BASE_URL` or https://api.anthropic.com. */
  baseURL?: string;
  /** Per attempt: time to the response headers, and the longest silence mid-stream. Default 120 s. */
  timeoutMs?: number;
  /** Retries done by the SDK (connection errors, timeouts, 429, 5xx, 529). Default 2. */
  maxRetries?: number;
  /** Calls in flight at once from this provider; the rest queue. Default 8. */
  concurrency?: number;
  /** `max_tokens` when the request sets none (the API requires one). Default 4096. */
  maxTokens?: number;
  headers?: Record<string, string>;
  /** Label for reports and errors; default `anthropic:<model>`. */
  name?: string;
}

export function anthropicProvider(opts: AnthropicOptions): Provider {
  const baseURL = trimTrailingSlashes(
    opts.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? "https://api.anthropic.com",
  );
  const apiKeyEnv = opts.apiKeyEnv ?? "ANTHROPIC_API_KEY";
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Anthropic({
    baseURL,
    apiKey: opts.apiKey ?? (process.env[apiKeyEnv] || DUMMY_API_KEY),
    timeout: timeoutMs,
    maxRetries: opts.maxRetries ?? DEFAULT_MAX_RETRIES,
    defaultHeaders: opts.headers,
  });
  const limiter = createLimiter(opts.concurrency ?? DEFAULT_CONCURRENCY);

  function context(request: ChatRequest): ErrorContext {
    return { baseURL, apiKeyEnv, timeoutMs, model: request.model ?? opts.model, signal: request.signal };
  }

  function params(request: ChatRequest) {
    const { system, messages } = toAnthropicMessages(request.messages);
    return {
      model: request.model ?? opts.model,
      max_tokens: request.maxTokens ?? opts.maxTokens ?? 4096,
      messages,
      ...(system !== undefined ? { system } : {}),
      ...(request.tools?.length ? { tools: toAnthropicTools(request.tools) } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    };
  }

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    const ctx = context(request);
    return limiter.run(async () => {
      let body: unknown;
      try {
        body = await client.messages.create(
          { ...params(request), stream: false },
          { signal: request.signal },
        );
      } catch (err) {
        throw toProviderError(err, ctx);
      }
      const response = fromAnthropicMessage(body);
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
        sdkStream = await client.messages.create(
          { ...params(request), stream: true },
          { signal: request.signal },
        );
      } catch (err) {
        throw toProviderError(err, ctx);
      }
      const source = sdkStream;
      const events = withIdleTimeout(source, timeoutMs, () => {
        source.controller.abort();
        return timeoutError(baseURL, timeoutMs, true);
      });
      // Tool-use blocks open with id and name, then stream their input as JSON fragments, then close.
      const openTools = new Map<number, ToolCall & { fromStart: string }>();
      let inputTokens = 0;
      let outputTokens = 0;
      let finishReason: FinishReason | undefined;
      let stopped = false;
      try {
        for await (const event of events) {
          switch (event.type) {
            case "message_start":
              inputTokens = event.message.usage?.input_tokens ?? 0;
              outputTokens = event.message.usage?.output_tokens ?? 0;
              break;
            case "content_block_start":
              if (event.content_block.type === "text" && event.content_block.text)
                yield { type: "text", delta: event.content_block.text };
              else if (event.content_block.type === "tool_use")
                openTools.set(event.index, {
                  id: event.content_block.id,
                  name: event.content_block.name,
                  arguments: "",
                  fromStart: JSON.stringify(event.content_block.input ?? {}),
                });
              break;
            case "content_block_delta":
              if (event.delta.type === "text_delta") {
                if (event.delta.text) yield { type: "text", delta: event.delta.text };
              } else if (event.delta.type === "input_json_delta") {
                const call = openTools.get(event.index);
                if (call) call.arguments += event.delta.partial_json;
              }
              break;
            case "content_block_stop": {
              const call = openTools.get(event.index);
              if (call) {
                openTools.delete(event.index);
                yield {
                  type: "tool-call",
                  call: { id: call.id, name: call.name, arguments: call.arguments || call.fromStart },
                };
              }
              break;
            }
            case "message_delta":
              if (event.delta.stop_reason) finishReason = fromAnthropicStopReason(event.delta.stop_reason);
              if (event.usage?.output_tokens !== undefined && event.usage.output_tokens !== null)
                outputTokens = event.usage.output_tokens;
              break;
            case "message_stop":
              stopped = true;
              break;
          }
        }
      } catch (err) {
        throw toProviderError(err, ctx);
      }
      if (request.signal?.aborted) throw toProviderError(new Error("aborted"), ctx);
      if (!stopped && finishReason === undefined)
        throw badResponseError(baseURL, "the stream ended before message_stop");
      yield { type: "finish", finishReason: finishReason ?? "stop", usage: { inputTokens, outputTokens } };
    } finally {
      release();
    }
  }

  return { name: opts.name ?? `anthropic:${opts.model}`, complete, stream };
}
