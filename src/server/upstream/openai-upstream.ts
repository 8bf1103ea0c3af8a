/**
 * The proxy's client for an OpenAI-compatible upstream: a Provider that speaks Chat Completions over
 * node:http(s) with a keep-alive agent, for the request path of `guardstack serve`. Connections are reused
 * (no handshake, DNS or TLS per call), the request body is serialised once from the forwarded fields, and
 * the answer is parsed once; the official SDK (still used by the eval providers) cost the proxy more CPU
 * per call than the guard's rails.
 *
 * Behaviour matches `openAICompatibleProvider`, so clients see the same errors:
 * - every failure is a ProviderError (unreachable, timeout, auth, rate-limit, bad-response, upstream),
 *   worded by providers/errors.ts, or the caller's own abort reason when the caller aborted;
 * - `timeoutMs` bounds a whole response (headers and body), a stream's wait for its headers, and the
 *   longest silence mid-stream;
 * - `maxRetries` retries connection failures, timeouts, 408, 409, 429 and 5xx (honouring `retry-after-ms`,
 *   `retry-after` and `x-should-retry`), with exponential backoff; a stream is retried only until it begins;
 * - a request that fails on a reused keep-alive connection before any answer (the server closed it while
 *   the request was on its way) is sent again on a fresh connection, without counting as a retry;
 * - at most `concurrency` calls are in flight; the rest queue.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestOptions,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  DUMMY_API_KEY,
  trimTrailingSlashes,
} from "../../providers/defaults.js";
import {
  badResponseError,
  connectionReason,
  midStreamError,
  statusError,
  timeoutError,
  unreachableError,
  type ErrorContext,
} from "../../providers/errors.js";
import { abortReason, backoffDelay, createLimiter, sleep } from "../../providers/limiter.js";
import type { OpenAICompatibleOptions } from "../../providers/openai-compatible.js";
import { fromOpenAICompletion, toOpenAIMessages, toOpenAITools } from "../../providers/openai-mapping.js";
import { OpenAIStreamReader, type OpenAIStreamChunk } from "../../providers/openai-stream-reader.js";
import {
  ProviderError,
  type ChatChunk,
  type ChatRequest,
  type ChatResponse,
  type Provider,
} from "../../providers/types.js";
import { SSEDecoder } from "./sse.js";

export type OpenAIUpstreamOptions = OpenAICompatibleOptions;

export interface OpenAIUpstream extends Provider {
  /** Closes the kept-alive connections; calls made afterwards open new ones. */
  close(): void;
  /** Connections opened so far (a measure of reuse). */
  readonly connections: number;
}

/** First retry waits 0.25-0.5 s, doubling up to 8 s (as the OpenAI SDK). */
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 8_000;
/** A server's own retry-after is honoured up to this long; beyond it, the backoff decides. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Idle kept-alive connections are closed after this long (before common server timeouts of 5 s). */
const IDLE_SOCKET_MS = 4_000;
/** Attempts on reused connections that the server closed under the request, before a fresh one. */
const MAX_STALE_SOCKETS = 4;
/** Error bodies are read up to this size (they only feed a one-line message). */
const MAX_ERROR_BODY = 64 * 1024;

const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/** What an attempt's failure says about retrying it. */
interface RetryHint {
  retryable: boolean;
  /** The server's own wait (retry-after-ms / retry-after), when it gave one. */
  afterMs?: number;
}

/** Carried on the error itself (a WeakMap keyed by short-lived objects keeps its values alive through young GCs). */
const RETRY_HINT = Symbol("retryHint");
type Hinted = ProviderError & { [RETRY_HINT]?: RetryHint };

function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const ms = Number(headers["retry-after-ms"]);
  if (headers["retry-after-ms"] !== undefined && Number.isFinite(ms)) return ms;
  const after = headers["retry-after"];
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(after);
  return Number.isFinite(at) ? at - Date.now() : undefined;
}

/** The server's message from an error body: OpenAI's `{ error: { message } }`, `{ message }`, or the text. */
function errorMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const inner = parsed.error as { message?: unknown } | string | undefined;
    if (typeof inner === "string") return inner;
    if (typeof inner?.message === "string") return inner.message;
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: the text itself
  }
  return body.trim() || null;
}

function statusFailure(res: IncomingMessage, body: string, ctx: ErrorContext): ProviderError {
  const status = res.statusCode ?? 0;
  const err = statusError(status, ctx, errorMessage(body));
  const should = res.headers["x-should-retry"];
  const retryable =
    should === "true"
      ? true
      : should === "false"
        ? false
        : status === 408 || status === 409 || status === 429 || status >= 500;
  const afterMs = retryAfterMs(res.headers);
  (err as Hinted)[RETRY_HINT] = afterMs !== undefined ? { retryable, afterMs } : { retryable };
  return err;
}

function retryable(err: unknown): RetryHint {
  const hint = err instanceof ProviderError ? (err as Hinted)[RETRY_HINT] : undefined;
  if (hint) return hint;
  return {
    retryable: err instanceof ProviderError && (err.kind === "unreachable" || err.kind === "timeout"),
  };
}

/** An HTTP exchange in progress: the response once its headers are in, and how to end it. */
interface Opened {
  res: IncomingMessage;
  /** Destroys the request and its response (the connection is not reused). */
  destroy(err?: Error): void;
  /** Stops the timer and the abort listener; the caller has taken over. */
  detach(): void;
}

export function openAIUpstream(opts: OpenAIUpstreamOptions): OpenAIUpstream {
  const baseURL = trimTrailingSlashes(
    opts.baseURL ?? process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
  );
  const apiKeyEnv = opts.apiKeyEnv ?? "OPENAI_API_KEY";
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const limiter = createLimiter(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const maxTokensField =
    opts.maxTokensField ??
    (baseURL.startsWith("https://api.openai.com") ? "max_completion_tokens" : "max_tokens");

  const url = new URL(`${baseURL}/chat/completions`);
  const secure = url.protocol === "https:";
  const send = secure ? httpsRequest : httpRequest;
  const agentOptions = { keepAlive: true, scheduling: "lifo" as const, timeout: IDLE_SOCKET_MS };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  let connections = 0;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const apiKey = opts.apiKey ?? (process.env[apiKeyEnv] || DUMMY_API_KEY);
  // As the OpenAI SDK does: the organization and project from the environment, when set.
  const org = process.env.OPENAI_ORG_ID;
  const project = process.env.OPENAI_PROJECT_ID;
  const baseHeaders: Record<string, string> = {
    "content-type": "application/json",
    authorization: `Bearer ${apiKey}`,
    "user-agent": "guardstack",
    ...(org ? { "openai-organization": org } : {}),
    ...(project ? { "openai-project": project } : {}),
    ...opts.headers,
  };
  const requestOptions = (accept: string, length: number): RequestOptions => ({
    agent,
    hostname,
    port: url.port || (secure ? 443 : 80),
    path: url.pathname + url.search,
    method: "POST",
    headers: { ...baseHeaders, accept, "content-length": length },
  });

  function context(request: ChatRequest): ErrorContext {
    return { baseURL, apiKeyEnv, timeoutMs, model: request.model ?? opts.model, signal: request.signal };
  }

  function body(request: ChatRequest, stream: boolean): string {
    const params: Record<string, unknown> = {
      model: request.model ?? opts.model,
      messages: toOpenAIMessages(request.messages),
    };
    if (request.tools?.length) params.tools = toOpenAITools(request.tools);
    if (request.temperature !== undefined) params.temperature = request.temperature;
    if (request.maxTokens !== undefined) params[maxTokensField] = request.maxTokens;
    if (stream) {
      params.stream = true;
      params.stream_options = { include_usage: true };
    }
    return JSON.stringify(params);
  }

  /**
   * Sends one request; resolves once the response headers are in. Until `detach()`, the timer (from now)
   * and the caller's abort signal end the exchange with a timeout or the abort reason.
   */
  function open(
    payload: string,
    accept: string,
    signal: AbortSignal | undefined,
    stale = 0,
  ): Promise<Opened> {
    return new Promise<Opened>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      let settled = false;
      let res: IncomingMessage | undefined;
      let timer: NodeJS.Timeout | undefined;
      let req: ClientRequest;
      try {
        req = send(requestOptions(accept, Buffer.byteLength(payload)));
      } catch (err) {
        // e.g. a configured header with characters HTTP does not allow
        const message = err instanceof Error ? err.message : String(err);
        return reject(new ProviderError(`call to ${baseURL} failed: ${message}`, "upstream"));
      }
      const detach = (): void => {
        clearTimeout(timer);
        timer = undefined;
        signal?.removeEventListener("abort", onAbort);
      };
      const destroy = (err?: Error): void => {
        detach();
        req.destroy(err);
        res?.destroy(err);
      };
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        detach();
        reject(err);
      };
      function onAbort(): void {
        const reason = abortReason(signal!);
        destroy(reason);
        fail(reason);
      }
      timer = setTimeout(() => {
        const err = timeoutError(baseURL, timeoutMs);
        destroy(err);
        fail(err);
      }, timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      req.once("socket", () => {
        if (!req.reusedSocket) connections++;
      });
      req.once("response", (r) => {
        res = r;
        // Until the reader attaches its own listeners, an error must not go unhandled (the readers see it too).
        r.on("error", () => undefined);
        if (settled) return void r.destroy();
        settled = true;
        resolve({ res: r, destroy, detach });
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (settled) return;
        if (signal?.aborted) return fail(abortReason(signal));
        // The server closed a kept-alive connection just as this request went out on it: nothing was
        // answered, so it goes again on another connection.
        if (
          req.reusedSocket &&
          res === undefined &&
          STALE_SOCKET_CODES.has(err.code ?? "") &&
          stale < MAX_STALE_SOCKETS
        ) {
          settled = true;
          detach();
          open(payload, accept, signal, stale + 1).then(resolve, reject);
          return;
        }
        fail(unreachableError(baseURL, connectionReason(err)));
      });
      req.end(payload);
    });
  }

  /** Reads a whole body (up to `limit` characters kept), within the exchange's timer. */
  function readBody(opened: Opened, signal: AbortSignal | undefined, limit = Infinity): Promise<string> {
    const { res } = opened;
    return new Promise<string>((resolve, reject) => {
      const parts: Buffer[] = [];
      let size = 0;
      res.on("data", (part: Buffer) => {
        if (size < limit) {
          parts.push(part);
          size += part.length;
        }
      });
      let ended = false;
      res.once("end", () => {
        ended = true;
        resolve(Buffer.concat(parts).toString("utf8"));
      });
      const fail = (err?: Error): void => {
        if (signal?.aborted) return reject(abortReason(signal));
        if (err instanceof ProviderError) return reject(err);
        reject(unreachableError(baseURL, err ? connectionReason(err) : "connection closed by the server"));
      };
      res.once("error", fail);
      // Destroyed without an error (or the error already reported): the body will never end.
      res.once("close", () => {
        if (!ended) fail();
      });
    });
  }

  /** Opens an exchange, retrying what `retryable` allows; a non-2xx answer is read and thrown. */
  async function openOk(payload: string, accept: string, ctx: ErrorContext): Promise<Opened> {
    const signal = ctx.signal;
    for (let attempt = 0; ; attempt++) {
      try {
        const opened = await open(payload, accept, signal);
        const status = opened.res.statusCode ?? 0;
        if (status >= 200 && status < 300) return opened;
        const text = await readBody(opened, signal, MAX_ERROR_BODY);
        opened.detach();
        throw statusFailure(opened.res, text, ctx);
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        const hint = retryable(err);
        if (attempt >= maxRetries || !hint.retryable) throw err;
        const delay =
          hint.afterMs !== undefined && hint.afterMs >= 0 && hint.afterMs <= MAX_RETRY_AFTER_MS
            ? hint.afterMs
            : backoffDelay(attempt, RETRY_BASE_MS, RETRY_MAX_MS);
        await sleep(delay, signal);
      }
    }
  }

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    const ctx = context(request);
    const payload = body(request, false);
    return limiter.run(async () => {
      // The timer started by openOk runs on through the body: timeoutMs bounds the whole exchange.
      const opened = await openOk(payload, "application/json", ctx);
      let text: string;
      try {
        text = await readBody(opened, request.signal);
      } finally {
        opened.detach();
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw badResponseError(baseURL, `body is not JSON ("${text.slice(0, 60)}")`);
      }
      const response = fromOpenAICompletion(parsed);
      if (typeof response === "string") throw badResponseError(baseURL, response);
      return response;
    }, request.signal);
  }

  async function* stream(request: ChatRequest): AsyncGenerator<ChatChunk> {
    const ctx = context(request);
    const signal = request.signal;
    const release = await limiter.acquire(signal);
    let opened: Opened | undefined;
    let finished = false;
    try {
      opened = await openOk(body(request, true), "text/event-stream", ctx);
      opened.detach();
      const events = sseEvents(opened, signal);
      const reader = new OpenAIStreamReader();
      let done = false;
      for await (const ev of events) {
        if (done) continue; // after [DONE]: read to the end, so the connection can be reused
        if (ev.data.startsWith("[DONE]")) {
          done = true;
          continue;
        }
        let chunk: OpenAIChunk;
        try {
          chunk = JSON.parse(ev.data) as OpenAIChunk;
        } catch {
          throw badResponseError(baseURL, `a stream event is not JSON ("${ev.data.slice(0, 60)}")`);
        }
        if (chunk === null || typeof chunk !== "object")
          throw badResponseError(baseURL, "a stream event is not a chunk object");
        if (chunk.error) {
          const e = chunk.error as { message?: unknown } | string;
          throw midStreamError(
            baseURL,
            typeof e === "string" ? e : typeof e.message === "string" ? e.message : null,
          );
        }
        const text = reader.read(chunk);
        if (text !== null) yield { type: "text", delta: text };
      }
      finished = true;
      if (!reader.received) throw badResponseError(baseURL, "the stream carried no chunks");
      yield* reader.finish();
    } finally {
      // Stopped early (the consumer left, a violation, an error): the upstream stops generating.
      if (!finished) opened?.destroy();
      release();
    }
  }

  /**
   * The events of a streamed response, as they arrive; `timeoutMs` of silence fails with a timeout, the
   * caller's abort with its reason, a dropped connection as unreachable.
   */
  async function* sseEvents(
    opened: Opened,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<{ data: string }> {
    const { res } = opened;
    const decoder = new SSEDecoder();
    const queue: Array<{ data: string }> = [];
    let ended = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    let idle: NodeJS.Timeout | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const fail = (err: Error): void => {
      if (failure === undefined && !ended) failure = err;
      notify();
    };
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        const err = timeoutError(baseURL, timeoutMs, true);
        fail(err);
        opened.destroy(err);
      }, timeoutMs);
    };
    const onAbort = (): void => {
      const reason = abortReason(signal!);
      fail(reason);
      opened.destroy(reason);
    };
    res.on("data", (piece: Buffer) => {
      arm();
      for (const ev of decoder.push(piece)) queue.push(ev);
      // Backpressure: stop reading while the consumer is behind.
      if (queue.length > 256) res.pause();
      notify();
    });
    res.once("end", () => {
      for (const ev of decoder.end()) queue.push(ev);
      ended = true;
      clearTimeout(idle);
      notify();
    });
    res.once("error", (err: Error) => {
      if (err instanceof ProviderError) fail(err);
      else if (signal?.aborted) fail(abortReason(signal));
      else fail(unreachableError(baseURL, connectionReason(err)));
    });
    res.once("close", () => {
      clearTimeout(idle);
      if (!ended) fail(unreachableError(baseURL, "connection closed by the server"));
    });
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    arm();
    try {
      for (;;) {
        const ev = queue.shift();
        if (ev !== undefined) {
          if (queue.length === 0 && res.isPaused()) res.resume();
          yield ev;
          continue;
        }
        if (failure !== undefined) throw failure;
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      clearTimeout(idle);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    name: opts.name ?? `openai:${opts.model}`,
    complete,
    stream,
    close: () => agent.destroy(),
    get connections() {
      return connections;
    },
  };
}

/** A stream chunk as the proxy reads it: the shared fields, and an error object some servers send. */
interface OpenAIChunk extends OpenAIStreamChunk {
  error?: unknown;
}
