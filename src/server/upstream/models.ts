/**
 * `GET /v1/models`: the upstream's own list, passed through as it is (an Anthropic list is put in
 * OpenAI's shape). Providers without an HTTP model list (replay, an injected provider) answer with the
 * one configured model.
 */
import type { ProviderConfig } from "../../providers/from-config.js";
import { statusError, timeoutError, unreachableError, connectionReason } from "../../providers/errors.js";
import { upstreamEndpoint } from "./endpoint.js";

const DEFAULT_TIMEOUT_MS = 10_000;

function ownList(cfg: ProviderConfig): Response {
  const id = cfg.kind === "replay" ? (cfg.name ?? "replay") : cfg.model;
  return Response.json({
    object: "list",
    data: [{ id, object: "model", created: 0, owned_by: `guardstack-${cfg.kind}` }],
  });
}

/** Anthropic's `{ data: [{ id, created_at, ... }] }` as OpenAI's `{ object: "list", data: [{ id, object, created, owned_by }] }`. */
function fromAnthropicList(body: string) {
  let data: unknown[] = [];
  try {
    const parsed = JSON.parse(body) as { data?: unknown };
    if (Array.isArray(parsed.data)) data = parsed.data;
  } catch {
    data = [];
  }
  return {
    object: "list",
    data: data
      .filter(
        (m): m is { id: string; created_at?: unknown } => typeof (m as { id?: unknown })?.id === "string",
      )
      .map((m) => ({
        id: m.id,
        object: "model",
        created: typeof m.created_at === "string" ? Math.floor(Date.parse(m.created_at) / 1000) || 0 : 0,
        owned_by: "anthropic",
      })),
  };
}

/** The upstream's answer; a failure throws a ProviderError (mapped to 502/504 by the route). */
export async function upstreamModels(
  cfg: ProviderConfig,
  custom: boolean,
  signal?: AbortSignal,
): Promise<Response> {
  const ep = custom ? undefined : upstreamEndpoint(cfg);
  if (!ep) return ownList(cfg);
  const timeoutMs = ep.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  let res: Response;
  try {
    res = await fetch(ep.modelsURL, { headers: ep.headers, signal: AbortSignal.any(signals) });
  } catch (err) {
    if (err instanceof Error && err.name === "TimeoutError") throw timeoutError(ep.baseURL, timeoutMs);
    throw unreachableError(ep.baseURL, connectionReason(err));
  }
  const body = await res.text();
  if (!res.ok) {
    let message: string | undefined;
    try {
      const parsed = JSON.parse(body) as { error?: { message?: unknown } };
      if (typeof parsed.error?.message === "string") message = parsed.error.message;
    } catch {
      message = undefined;
    }
    throw statusError(res.status, { baseURL: ep.baseURL }, message);
  }
  if (ep.kind === "anthropic") return Response.json(fromAnthropicList(body));
  return new Response(body, {
    status: res.status,
    headers: { "content-type": res.headers.get("content-type") ?? "application/json" },
  });
}
