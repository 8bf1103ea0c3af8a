/**
 * The server's configuration (YAML, validated by zod): the upstream model, the policy, the API keys
 * (their SHA-256 hashes, never the keys), request limits, the streaming rail's hold-back window, the
 * review queue and shutdown. Every field but `upstream` has a default. Rate limits and escalation
 * settings live in the policy (`rateLimits:`, `escalation:`); a key may override its rate limits.
 */
import { z } from "zod";
import { RateLimitsConfigSchema } from "../../policy/limits-config.js";
import { ProviderConfigSchema } from "../../providers/from-config.js";

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_GRACE_MS = 10_000;

/** `sha256:` and 64 hex digits: what `guardstack serve hash-key <key>` prints. */
export const KEY_HASH = /^sha256:[0-9a-f]{64}$/;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REDIS_URL = /^rediss?:\/\//;

/** Exported for the global ReDoS check. */
export const PATTERNS: readonly RegExp[] = [KEY_HASH, KEY_ID, REDIS_URL];

/** A built-in policy name, a YAML path (relative to the config file), or an inline policy object. */
export const PolicyRefSchema = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);

export const KeyConfigSchema = z
  .object({
    /** Names the caller in logs, metrics and rate limits; never secret. */
    id: z.string().regex(KEY_ID, "key ids are 1-64 letters, digits, '.', '_' or '-'"),
    hash: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(
        z.string().regex(KEY_HASH, 'must be "sha256:" and 64 hex digits (guardstack serve hash-key <key>)'),
      ),
    /** This key's policy instead of the server's. */
    policy: PolicyRefSchema.optional(),
    /** This key's rate limits, instead of the `rateLimits:` section of its policy. */
    rateLimits: RateLimitsConfigSchema.optional(),
  })
  .strict();

export const StreamSettingsSchema = z
  .object({
    /** The streaming rail's hold-back window (see StreamGuardOptions). */
    holdChars: z.number().int().positive().optional(),
    lookaheadChars: z.number().int().nonnegative().optional(),
    maxHoldChars: z.number().int().positive().optional(),
    contextChars: z.number().int().nonnegative().optional(),
  })
  .strict();

export const ServerConfigSchema = z
  .object({
    host: z.string().min(1).default(DEFAULT_HOST),
    port: z.number().int().min(0).max(65_535).default(DEFAULT_PORT),
    /** The model the proxy forwards to. */
    upstream: ProviderConfigSchema,
    policy: PolicyRefSchema.default("default"),
    keys: z.array(KeyConfigSchema).default([]),
    limits: z
      .object({ maxBodyBytes: z.number().int().positive().default(DEFAULT_MAX_BODY_BYTES) })
      .strict()
      .default({ maxBodyBytes: DEFAULT_MAX_BODY_BYTES }),
    /** Shared rate-limit counts across server instances; without it they live in this process. */
    redis: z
      .object({ url: z.string().regex(REDIS_URL, "must be a redis:// or rediss:// URL") })
      .strict()
      .optional(),
    stream: StreamSettingsSchema.default({}),
    /**
     * true: an escalation waits in the review queue as the policy's `escalation:` section says (hold for a
     * reviewer, or release flagged). false (default): nobody reviews, so an escalation is refused at once.
     */
    reviewQueue: z.boolean().default(false),
    shutdown: z
      .object({
        /** How long in-flight requests may run on after SIGTERM/SIGINT before they are cut. */
        graceMs: z.number().int().nonnegative().default(DEFAULT_GRACE_MS),
      })
      .strict()
      .default({ graceMs: DEFAULT_GRACE_MS }),
  })
  .strict();

export type ServerConfig = z.infer<typeof ServerConfigSchema>;
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;
export type KeyConfig = z.infer<typeof KeyConfigSchema>;
export type PolicyRef = z.infer<typeof PolicyRefSchema>;
