/**
 * The policy's `audit:` section: the people who write the policy decide whether raw text is ever kept in
 * the audit store, and for how long events are kept. Read by monitor/.
 */
import { z } from "zod";

export const AuditSettings = z
  .object({
    /** Keep the unredacted text next to the redacted one. Off by default: private by default. */
    storeRawText: z.boolean().default(false),
    /** Events older than this are pruned (events of unresolved incidents are kept until resolved). */
    retentionDays: z.number().positive().default(30),
    /** Longest text stored per event; the rest is cut (the hash still covers the whole text). */
    maxStoredChars: z.number().int().positive().default(8192),
  })
  .strict();

export type AuditSettingsT = z.infer<typeof AuditSettings>;
export type AuditSettingsInput = z.input<typeof AuditSettings>;
