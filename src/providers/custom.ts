/**
 * A Provider around the user's own function — an in-house gateway, a local model binding, a test double.
 * The function returns a whole response (or just its text); `stream` replays it word by word.
 */
import { createLimiter, withRetries } from "./limiter.js";
import { responseToChunks } from "./stream-chunks.js";
import {
  ProviderError,
  type ChatChunk,
  type ChatRequest,
  type ChatResponse,
  type Provider,
} from "./types.js";

export type ProviderFunction = (
  request: ChatRequest,
) => Promise<ChatResponse | string> | ChatResponse | string;

export interface FunctionProviderOptions {
  /** Calls in flight at once; default unlimited. */
  concurrency?: number;
  /** Retries on retryable ProviderErrors thrown by the function (unreachable, timeout, 429, 5xx); default 0. */
  maxRetries?: number;
  /** First retry backoff in ms (doubling, with jitter); default 250. */
  retryBaseDelayMs?: number;
}

function asResponse(result: ChatResponse | string): ChatResponse {
  return typeof result === "string" ? { text: result, toolCalls: [], finishReason: "stop" } : result;
}

export function functionProvider(
  name: string,
  fn: ProviderFunction,
  opts: FunctionProviderOptions = {},
): Provider {
  const limiter = createLimiter(opts.concurrency ?? Infinity);

  async function callOnce(request: ChatRequest): Promise<ChatResponse> {
    try {
      const result = asResponse(await fn(request));
      if (typeof result?.text !== "string" || !Array.isArray(result.toolCalls))
        throw new ProviderError(
          `${name}: the function returned neither a string nor a ChatResponse`,
          "bad-response",
        );
      return result;
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (request.signal?.aborted) throw err;
      const wrapped = new ProviderError(
        `${name} failed: ${err instanceof Error ? err.message : String(err)}`,
        "upstream",
      );
      Object.defineProperty(wrapped, "cause", { value: err });
      throw wrapped;
    }
  }

  function complete(request: ChatRequest): Promise<ChatResponse> {
    return limiter.run(
      () =>
        withRetries(() => callOnce(request), {
          retries: opts.maxRetries ?? 0,
          baseDelayMs: opts.retryBaseDelayMs,
          signal: request.signal,
        }),
      request.signal,
    );
  }

  async function* stream(request: ChatRequest): AsyncGenerator<ChatChunk> {
    yield* responseToChunks(await complete(request));
  }

  return { name, complete, stream };
}
