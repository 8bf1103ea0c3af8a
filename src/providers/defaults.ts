/** Defaults shared by the HTTP adapters. */

/** Per attempt: waiting for a response to start, and the longest silence allowed mid-stream. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Retries the SDK makes after the first attempt on retryable failures. */
export const DEFAULT_MAX_RETRIES = 2;
/** Calls one provider instance keeps in flight at once; more wait their turn. */
export const DEFAULT_CONCURRENCY = 8;
/** Sent as the key when none is configured: local servers (vLLM, Ollama, llama.cpp) ignore it. */
export const DUMMY_API_KEY = "no-key";

/** `http://host/v1///` → `http://host/v1` (a loop, not a regex: `/\/+$/` is quadratic on long runs). */
export function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47) end--;
  return url.slice(0, end);
}
