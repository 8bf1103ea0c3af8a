/**
 * Every failure the server reports is an HTTP error in OpenAI's format,
 * `{ "error": { "message", "type", "param", "code" } }`, so OpenAI clients raise their usual errors.
 */
import { ProviderError } from "../../providers/types.js";

export type OpenAIErrorType =
  "invalid_request_error" | "authentication_error" | "rate_limit_error" | "server_error" | "upstream_error";

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: OpenAIErrorType,
    readonly code: string | null = null,
    readonly param: string | null = null,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }

  body(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }

  response(): Response {
    return Response.json(this.body(), { status: this.status, headers: this.headers });
  }
}

/**
 * The client's view of an upstream failure. The provider's own message names the upstream URL, which
 * is the operator's business: it goes to the log, and the client gets a message without it.
 */
export function upstreamHttpError(err: ProviderError): HttpError {
  switch (err.kind) {
    case "timeout":
      return new HttpError(
        504,
        "The upstream model did not answer in time.",
        "upstream_error",
        "upstream_timeout",
      );
    case "unreachable":
      return new HttpError(
        502,
        "The upstream model cannot be reached.",
        "upstream_error",
        "upstream_unreachable",
      );
    case "bad-response":
      return new HttpError(
        502,
        "The upstream model sent a response that is not a valid chat completion.",
        "upstream_error",
        "upstream_bad_response",
      );
    case "auth":
      return new HttpError(
        502,
        "The upstream model refused the proxy's credentials; the server's upstream key needs fixing.",
        "upstream_error",
        "upstream_auth",
      );
    case "rate-limit":
      return new HttpError(
        429,
        "The upstream model is rate limiting the proxy; retry later.",
        "rate_limit_error",
        "upstream_rate_limited",
      );
    case "upstream": {
      const status = err.status;
      // The upstream rejected the request itself (an unknown model, a bad parameter): the caller can fix it.
      if (status !== undefined && status >= 400 && status < 500 && status !== 408)
        return new HttpError(
          status === 404 ? 404 : 400,
          status === 404
            ? "The upstream model does not exist or the upstream has no such endpoint."
            : `The upstream model rejected the request (status ${status}).`,
          "invalid_request_error",
          status === 404 ? "model_not_found" : "upstream_rejected",
        );
      return new HttpError(
        502,
        status !== undefined ? `The upstream model failed (status ${status}).` : "The upstream model failed.",
        "upstream_error",
        "upstream_error",
      );
    }
  }
}

/** Any error as the HttpError the client gets; unknown errors are a 500 that reveals nothing. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ProviderError) return upstreamHttpError(err);
  return new HttpError(500, "The server failed to handle the request.", "server_error", "internal_error");
}
