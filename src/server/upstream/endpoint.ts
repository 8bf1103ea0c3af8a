/** Where the upstream lives and how to authenticate to it, for the calls the proxy makes itself (models, health). */
import { trimTrailingSlashes } from "../../providers/defaults.js";
import type { ProviderConfig } from "../../providers/from-config.js";

export interface UpstreamEndpoint {
  kind: "openai" | "anthropic";
  /** OpenAI style: ends in /v1. Anthropic: the API root. */
  baseURL: string;
  /** URL that lists the upstream's models. */
  modelsURL: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}

/** The HTTP endpoint behind a provider config; undefined for providers without one (replay). */
export function upstreamEndpoint(cfg: ProviderConfig): UpstreamEndpoint | undefined {
  if (cfg.kind === "replay") return undefined;
  if (cfg.kind === "openai") {
    const baseURL = trimTrailingSlashes(
      cfg.baseURL ?? process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    );
    const key = cfg.apiKey ?? process.env[cfg.apiKeyEnv ?? "OPENAI_API_KEY"];
    return {
      kind: "openai",
      baseURL,
      modelsURL: `${baseURL}/models`,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...cfg.headers },
      ...(cfg.timeoutMs !== undefined ? { timeoutMs: cfg.timeoutMs } : {}),
    };
  }
  const baseURL = trimTrailingSlashes(
    cfg.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? "https://api.anthropic.com",
  );
  const key = cfg.apiKey ?? process.env[cfg.apiKeyEnv ?? "ANTHROPIC_API_KEY"];
  return {
    kind: "anthropic",
    baseURL,
    modelsURL: `${baseURL}/v1/models`,
    headers: { ...(key ? { "x-api-key": key } : {}), "anthropic-version": "2023-06-01", ...cfg.headers },
    ...(cfg.timeoutMs !== undefined ? { timeoutMs: cfg.timeoutMs } : {}),
  };
}
