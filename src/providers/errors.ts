/**
 * Turns every way a model call can fail into a `ProviderError` whose message is one line saying what
 * failed and how to fix it — connection refused, timeout, bad key, rate limit, a broken body, an upstream
 * 5xx. Both official SDKs' error classes are recognised; anything already a ProviderError passes through.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { ProviderError } from "./types.js";

/** What the message needs to name: the server, and the setting that fixes an auth failure. */
export interface ErrorContext {
  /** The base URL the provider talks to. */
  baseURL: string;
  /** Environment variable that holds the key, e.g. OPENAI_API_KEY. */
  apiKeyEnv?: string;
  timeoutMs?: number;
  model?: string;
  /** The caller's abort signal: an abort is re-thrown as the signal's reason, not as a provider failure. */
  signal?: AbortSignal;
}

const MAX_DETAIL = 160;

/** One short line of server-provided text, quoted, for the end of a message. */
function detail(text: string | null | undefined): string {
  if (!text) return "";
  let line = "";
  let space = false;
  for (const ch of text) {
    const isSpace = ch === " " || ch === "\n" || ch === "\r" || ch === "\t";
    if (isSpace) {
      space = line.length > 0;
      continue;
    }
    if (space) line += " ";
    space = false;
    line += ch;
    if (line.length > MAX_DETAIL) return ` (server said: "${line.slice(0, MAX_DETAIL)}…")`;
  }
  return line ? ` (server said: "${line}")` : "";
}

/** Plain-words reason for a network error, read from the `code` anywhere on its cause chain. */
export function connectionReason(err: unknown): string {
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "DNS lookup failed",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ETIMEDOUT: "connect timed out",
    UND_ERR_CONNECT_TIMEOUT: "connect timed out",
    UND_ERR_SOCKET: "connection closed by the server",
    EPIPE: "connection closed by the server",
    CERT_HAS_EXPIRED: "TLS certificate expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
  };
  let current: unknown = err;
  let lastMessage = "";
  for (let depth = 0; current && depth < 8; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === "string" && reasons[e.code]) return reasons[e.code]!;
    // AggregateError (e.g. IPv4 and IPv6 both refused) keeps the real errors in `errors`.
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      const inner = connectionReason(e.errors[0]);
      if (inner !== "connection failed") return inner;
    }
    // fetch refuses a fixed list of "bad ports" (9, 25, 6000, ...) before connecting at all.
    if (e.message === "bad port") return "port blocked by fetch as unsafe; serve on another port";
    if (typeof e.message === "string" && e.message) lastMessage = e.message;
    current = e.cause;
  }
  return lastMessage && lastMessage !== "fetch failed" && lastMessage !== "Connection error."
    ? lastMessage
    : "connection failed";
}

export function unreachableError(baseURL: string, reason: string): ProviderError {
  return new ProviderError(
    `cannot reach ${baseURL} (${reason}); is the server running? set baseURL`,
    "unreachable",
  );
}

export function timeoutError(
  baseURL: string,
  timeoutMs: number | undefined,
  midStream = false,
): ProviderError {
  const within = timeoutMs !== undefined ? ` within ${timeoutMs} ms` : "";
  const what = midStream ? "stream stalled: no data from" : "no response from";
  return new ProviderError(
    `${what} ${baseURL}${within} (timeout); is the server overloaded? raise timeoutMs`,
    "timeout",
  );
}

export function badResponseError(baseURL: string, what: string): ProviderError {
  return new ProviderError(
    `bad response from ${baseURL}: ${what}; is baseURL an LLM API endpoint?`,
    "bad-response",
  );
}

/** An error the server sent inside a stream it had begun with a 2xx (an `error` event). */
export function midStreamError(baseURL: string, serverMessage?: string | null): ProviderError {
  return new ProviderError(`error from ${baseURL} mid-stream${detail(serverMessage)}`, "upstream");
}

/** An HTTP error status, named for what the user can do about it. */
export function statusError(status: number, ctx: ErrorContext, serverMessage?: string | null): ProviderError {
  const said = detail(serverMessage);
  const from = `${status} from ${ctx.baseURL}`;
  const keyEnv = ctx.apiKeyEnv ?? "the API key";
  if (status === 401) return new ProviderError(`${from}: set ${keyEnv}${said}`, "auth", status);
  if (status === 403)
    return new ProviderError(
      `${from}: the key in ${keyEnv} is not allowed to do this${said}`,
      "auth",
      status,
    );
  if (status === 429)
    return new ProviderError(
      `${from}: rate limited; lower concurrency or retry later${said}`,
      "rate-limit",
      status,
    );
  if (status >= 500) return new ProviderError(`${from}: upstream server error${said}`, "upstream", status);
  if (status === 404) {
    const model = ctx.model ? ` and the model name "${ctx.model}"` : "";
    return new ProviderError(
      `${from}: not found; check baseURL (OpenAI-style ends in /v1)${model}${said}`,
      "upstream",
      status,
    );
  }
  return new ProviderError(`${from}: request rejected${said}`, "upstream", status);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** The server's own message from an SDK APIError (`error.message` in either API's error JSON). */
function serverMessage(err: { error?: unknown; message: string }): string | null {
  const body = err.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  if (typeof body?.message === "string") return body.message;
  if (typeof body?.error?.message === "string") return body.error.message;
  return err.message || null;
}

/**
 * Maps any failure from a provider call to a ProviderError (or re-throws the caller's abort reason when the
 * caller aborted). Never returns a non-ProviderError except that abort reason.
 */
export function toProviderError(err: unknown, ctx: ErrorContext): unknown {
  if (err instanceof ProviderError) return err;
  if (ctx.signal?.aborted) return abortReason(ctx.signal);
  if (err instanceof OpenAI.APIUserAbortError || err instanceof Anthropic.APIUserAbortError)
    return timeoutError(ctx.baseURL, ctx.timeoutMs);
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof Anthropic.APIConnectionTimeoutError)
    return timeoutError(ctx.baseURL, ctx.timeoutMs);
  if (err instanceof OpenAI.APIConnectionError || err instanceof Anthropic.APIConnectionError)
    return unreachableError(ctx.baseURL, connectionReason(err.cause ?? err));
  if (err instanceof OpenAI.APIError || err instanceof Anthropic.APIError) {
    if (typeof err.status === "number") return statusError(err.status, ctx, serverMessage(err));
    // No status: an error event inside a 200 stream.
    return midStreamError(ctx.baseURL, serverMessage(err));
  }
  if (err instanceof SyntaxError) return badResponseError(ctx.baseURL, `body is not JSON (${err.message})`);
  // undici raises TypeError("terminated") when the server drops the connection mid-body.
  if (err instanceof TypeError && (err.message === "terminated" || err.message === "fetch failed"))
    return unreachableError(ctx.baseURL, connectionReason(err));
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError(`call to ${ctx.baseURL} failed: ${message}`, "upstream");
}
