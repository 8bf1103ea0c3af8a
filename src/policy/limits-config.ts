/**
 * Policy sections for runtime limits: `rateLimits:` (request and token rates per user and per API key,
 * strikes for violations and their penalties) and `escalation:` (holding a response for a person).
 * Every field has a default, so `rateLimits: {}` is a complete, working section.
 */
import { z } from "zod";

/** A rate: `limit` units (requests or tokens) per `windowMs`, with bursts of up to `burst` at once. */
export const RateSchema = z
  .object({
    limit: z.number().int().positive(),
    windowMs: z.number().int().positive().default(60_000),
    /** How many units may pass at once from a full allowance; defaults to `limit`. */
    burst: z.number().int().positive().optional(),
  })
  .strict();
export type Rate = z.infer<typeof RateSchema>;

/** Request and token rates for one scope; `null` turns a rate off. */
function scopeLimits(requests: number, tokens: number) {
  const requestsDefault = { limit: requests, windowMs: 60_000 };
  const tokensDefault = { limit: tokens, windowMs: 60_000 };
  return z
    .object({
      requests: RateSchema.nullable().default(requestsDefault),
      tokens: RateSchema.nullable().default(tokensDefault),
    })
    .strict()
    .default({ requests: requestsDefault, tokens: tokensDefault });
}

const threshold = z.number().positive();

export const StrikesSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Strikes halve every halfLifeMs: a user who stops violating recovers. */
    halfLifeMs: z.number().int().positive().default(3_600_000),
    /** Strikes one violation adds, by category; categories not listed add defaultWeight. */
    defaultWeight: z.number().positive().default(1),
    weights: z.record(z.string(), z.number().nonnegative()).default({}),
    /** From `at` strikes: the user's rates are multiplied by `factor` for `forMs` (extended by each violation). */
    throttle: z
      .object({
        at: threshold.default(3),
        factor: z.number().positive().max(1).default(0.2),
        forMs: z.number().int().positive().default(600_000),
      })
      .strict()
      .nullable()
      .default({ at: 3, factor: 0.2, forMs: 600_000 }),
    /** From `at` strikes: every request is refused for `forMs` (extended by each violation). */
    block: z
      .object({ at: threshold.default(5), forMs: z.number().int().positive().default(900_000) })
      .strict()
      .nullable()
      .default({ at: 5, forMs: 900_000 }),
    /** Crossing `at` strikes flags the user for a person (once per crossing). */
    escalate: z
      .object({ at: threshold.default(8) })
      .strict()
      .nullable()
      .default({ at: 8 }),
  })
  .strict();
export type StrikesConfig = z.infer<typeof StrikesSchema>;

export const RateLimitsConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Per user (CheckContext.userId). */
    user: scopeLimits(60, 100_000),
    /** Per API key (the caller's key id, never the secret itself). */
    key: scopeLimits(600, 1_000_000),
    /** When the store (e.g. Redis) fails: "closed" refuses the request, "open" lets it pass. */
    onStoreError: z.enum(["closed", "open"]).default("closed"),
    strikes: StrikesSchema.default(StrikesSchema.parse({})),
  })
  .strict();
export type RateLimitsConfig = z.infer<typeof RateLimitsConfigSchema>;
export type RateLimitsConfigInput = z.input<typeof RateLimitsConfigSchema>;

export const ESCALATION_MODES = ["hold", "release-flagged"] as const;
export const ESCALATION_TIMEOUT_ACTIONS = ["deny", "release-flagged"] as const;

export const EscalationConfigSchema = z
  .object({
    /** What an escalation does to the response: hold it for a reviewer, or release it at once, flagged. */
    mode: z.enum(ESCALATION_MODES).default("hold"),
    /** How long a held response waits for a reviewer. */
    timeoutMs: z.number().int().positive().default(120_000),
    /** What happens to a held response nobody reviewed in time. */
    onTimeout: z.enum(ESCALATION_TIMEOUT_ACTIONS).default("deny"),
    /** How often a waiting request re-reads the store (reviews made by another process). */
    pollIntervalMs: z.number().int().positive().default(1_000),
  })
  .strict();
export type EscalationConfig = z.infer<typeof EscalationConfigSchema>;
export type EscalationConfigInput = z.input<typeof EscalationConfigSchema>;
