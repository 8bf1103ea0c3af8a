/**
 * Monitoring settings (zod). `AuditSettings` is meant for the policy (`audit:`), so the people who
 * write the policy decide whether raw text is ever kept; `IncidentRulesSettings` belongs to the
 * deployment (which categories page someone, how many blocks make a pattern, where to announce).
 */
import { z } from "zod";

const categoryId = z.string().regex(/^[a-z][a-z0-9-]*$/, "category ids are lower-case words joined by '-'");

import { AuditSettings, type AuditSettingsInput, type AuditSettingsT } from "../policy/audit-settings.js";
export { AuditSettings, type AuditSettingsInput, type AuditSettingsT } from "../policy/audit-settings.js";

export const SevereCategoryRule = z
  .object({
    category: categoryId,
    /** A finding of this category at or above this score opens an incident. */
    minScore: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export const IncidentRulesSettings = z
  .object({
    /** Categories that open an incident on a single event. */
    severe: z.array(SevereCategoryRule).default([
      { category: "child-sexual-exploitation", minScore: 0.5 },
      { category: "suicide-self-harm", minScore: 0.9 },
      { category: "indiscriminate-weapons", minScore: 0.9 },
    ]),
    /** Repeated strikes: `blocks` blocked decisions by one user within `windowMinutes`. */
    strikes: z
      .object({
        enabled: z.boolean().default(true),
        blocks: z.number().int().min(2).default(5),
        windowMinutes: z.number().positive().default(10),
      })
      .strict()
      .default({ enabled: true, blocks: 5, windowMinutes: 10 }),
    /**
     * A spike: the last hour's count of decisions with the category among their reasons against the
     * mean hourly count of the trailing baseline, by an exact one-sided Poisson test.
     */
    spike: z
      .object({
        enabled: z.boolean().default(true),
        baselineDays: z.number().positive().default(7),
        /** No test until the baseline covers this many hours of history. */
        minBaselineHours: z.number().positive().default(24),
        /** p-value under which the last hour counts as a spike. */
        alpha: z.number().gt(0).lt(1).default(0.001),
        /** And at least this many events in the hour, and this many times the baseline rate. */
        minCount: z.number().int().positive().default(10),
        minRatio: z.number().min(1).default(3),
        intervalMinutes: z.number().positive().default(5),
      })
      .strict()
      .default({
        enabled: true,
        baselineDays: 7,
        minBaselineHours: 24,
        alpha: 0.001,
        minCount: 10,
        minRatio: 3,
        intervalMinutes: 5,
      }),
  })
  .strict();

export type IncidentRulesSettingsT = z.infer<typeof IncidentRulesSettings>;
export type IncidentRulesSettingsInput = z.input<typeof IncidentRulesSettings>;

export const WebhookSettings = z
  .object({
    url: z.url(),
    /** Per attempt. */
    timeoutMs: z.number().int().positive().default(5000),
    /** Attempts after the first, with doubling backoff. */
    retries: z.number().int().min(0).max(10).default(3),
    backoffMs: z.number().int().positive().default(500),
    headers: z.record(z.string(), z.string()).default({}),
    /** Announcements waiting or in flight; more are dropped (and counted). */
    maxPending: z.number().int().positive().default(100),
  })
  .strict();

export type WebhookSettingsT = z.infer<typeof WebhookSettings>;
export type WebhookSettingsInput = z.input<typeof WebhookSettings>;

/** The policy's `audit:` section when the policy schema has one, else the defaults. */
export function auditSettingsOf(policy: unknown, override?: AuditSettingsInput): AuditSettingsT {
  const fromPolicy =
    typeof policy === "object" && policy !== null && "audit" in policy
      ? (policy as { audit?: unknown }).audit
      : undefined;
  const base = AuditSettings.parse(fromPolicy ?? {});
  return override ? AuditSettings.parse({ ...base, ...override }) : base;
}

export const PATTERNS: readonly RegExp[] = [/^[a-z][a-z0-9-]*$/];
