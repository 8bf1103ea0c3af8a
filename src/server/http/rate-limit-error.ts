/** A refused rate-limit check as OpenAI's 429, with Retry-After in whole seconds. */
import type { RateLimitResult } from "../../guard/limits/index.js";
import { HttpError } from "./openai-error.js";

export function rateLimitError(r: RateLimitResult): HttpError {
  const headers: Record<string, string> = {};
  if (Number.isFinite(r.retryAfterMs))
    headers["retry-after"] = String(Math.max(1, Math.ceil(r.retryAfterMs / 1000)));
  if (Number.isFinite(r.remaining))
    headers["x-ratelimit-remaining-requests"] = String(Math.max(0, Math.floor(r.remaining)));
  if (r.reason === "store-error")
    return new HttpError(
      503,
      "Rate limits cannot be checked right now; retry shortly.",
      "server_error",
      "rate_limit_store_unavailable",
      null,
      headers,
    );
  // "too-large" can never pass: it is the request that must change, not the timing.
  if (r.reason === "too-large")
    return new HttpError(
      429,
      `Request too large: ${r.message}.`,
      "rate_limit_error",
      "request_too_large_for_limit",
      null,
      headers,
    );
  return new HttpError(
    429,
    `Rate limit reached: ${r.message}.`,
    "rate_limit_error",
    "rate_limit_exceeded",
    null,
    headers,
  );
}
