/**
 * Building a Provider from configuration (a YAML block, CLI flags, a server config), validated by zod:
 *   { kind: "openai", model, baseURL?, apiKeyEnv?, ... }     any OpenAI-compatible server
 *   { kind: "anthropic", model, baseURL?, apiKeyEnv?, ... }  Anthropic Messages API
 *   { kind: "replay", path }                                  recorded responses (JSONL)
 * Prefer `apiKeyEnv` to `apiKey` in files, so keys stay out of version control.
 */
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { anthropicProvider } from "./anthropic.js";
import { openAICompatibleProvider } from "./openai-compatible.js";
import { replayProviderFromFile } from "./replay.js";
import type { Provider } from "./types.js";

const httpURL = z
  .string()
  .refine((s) => URL.canParse(s) && (s.startsWith("http://") || s.startsWith("https://")), {
    message: "must be an http:// or https:// URL",
  });

const common = {
  /** Label for reports and errors. */
  name: z.string().min(1).optional(),
  model: z.string().min(1),
  baseURL: httpURL.optional(),
  apiKey: z.string().min(1).optional(),
  apiKeyEnv: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  concurrency: z.number().int().positive().optional(),
  headers: z.record(z.string(), z.string()).optional(),
};

export const ProviderConfigSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("openai"),
      ...common,
      maxTokensField: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("anthropic"),
      ...common,
      maxTokens: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("replay"),
      name: z.string().min(1).optional(),
      /** JSONL file of recordings; relative paths resolve against `baseDir`. */
      path: z.string().min(1),
    })
    .strict(),
]);

export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

/** Invalid provider configuration, with every problem listed. */
export class ProviderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderConfigError";
  }
}

export function parseProviderConfig(input: unknown): ProviderConfig {
  const parsed = ProviderConfigSchema.safeParse(input);
  if (!parsed.success)
    throw new ProviderConfigError(
      `invalid provider config: ${z.prettifyError(parsed.error).split("\n").join("; ")}`,
    );
  return parsed.data;
}

export interface ProviderFromConfigOptions {
  /** Directory that relative replay paths resolve against (e.g. the config file's); default cwd. */
  baseDir?: string;
}

export function providerFromConfig(cfg: unknown, opts: ProviderFromConfigOptions = {}): Provider {
  const config = parseProviderConfig(cfg);
  switch (config.kind) {
    case "openai": {
      const { kind: _kind, ...rest } = config;
      return openAICompatibleProvider(rest);
    }
    case "anthropic": {
      const { kind: _kind, ...rest } = config;
      return anthropicProvider(rest);
    }
    case "replay": {
      const path = isAbsolute(config.path)
        ? config.path
        : resolve(opts.baseDir ?? process.cwd(), config.path);
      return replayProviderFromFile(path, config.name !== undefined ? { name: config.name } : {});
    }
  }
}
