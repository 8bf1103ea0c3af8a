/**
 * The policy sections this room reads, as zod objects, proposed for the policy schema:
 *
 *   curate:      defaults for `guardstack curate` (PII handling, dedup, languages, thresholds)
 *   principles:  the principles `guardstack revise` critiques and revises against
 *   pairs:       the style of the safe responses `guardstack pairs` asks a provider for
 *
 * Every field has a default, so a policy names only what it changes. Thresholds left unset use each
 * classifier's operating point (its model card), the same default the guard's detectors use.
 */
import { z } from "zod";

const score = z.number().min(0).max(1);

export const PII_MODES = ["redact", "drop"] as const;
export type PiiMode = (typeof PII_MODES)[number];

export const DEDUP_MODES = ["exact", "near", "off"] as const;
export type DedupMode = (typeof DEDUP_MODES)[number];

/** Score cut-offs for the curate checks; unset classifier thresholds use the model's operating point. */
export const CurateThresholds = z
  .object({
    /** A harmful request (harm classifier on the user turns before a reply). */
    harm: score.optional(),
    /** A harmful reply on its own, whatever was asked (harmful-response classifier). */
    harmfulResponse: score.optional(),
    /** A harmful reply to a harmful request that does not refuse: the lower bar with both signals. */
    harmfulResponseAfterHarm: score.default(0.5),
    /** A reply that refuses (refusal classifier). */
    refusal: score.optional(),
    toxicity: score.optional(),
    injection: score.optional(),
    pii: score.default(0.5),
    secrets: score.default(0.5),
  })
  .strict();

export const CurateSettings = z
  .object({
    /** Personal data and secrets: replace them in place (policy `redaction` mode), or drop the record. */
    pii: z.enum(PII_MODES).default("redact"),
    dedup: z.enum(DEDUP_MODES).default("near"),
    /** Keep only records in these languages (ISO 639-1); empty keeps every language. */
    languages: z.array(z.string().min(2).max(3)).default([]),
    nearDuplicate: z
      .object({
        /** Estimated Jaccard similarity of character 5-gram sets at which a record is a near duplicate. */
        threshold: z.number().min(0.3).max(1).default(0.7),
        /**
         * How many of the latest kept records the dedup index remembers (memory bound, at most about 700 bytes
         * per record); a duplicate of an older record is not caught.
         */
        window: z.number().int().min(1000).default(250_000),
      })
      .strict()
      .default({ threshold: 0.7, window: 250_000 }),
    /** Check user turns for toxicity too (by default only text the model learns to produce, and documents). */
    toxicityInUserTurns: z.boolean().default(false),
    thresholds: CurateThresholds.default(CurateThresholds.parse({})),
  })
  .strict();

export type CurateSettingsT = z.infer<typeof CurateSettings>;

const ID = /^[a-z][a-z0-9-]*$/;

const principleId = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => ID.test(s), "principle ids are lower-case words joined by '-'");

export const Principle = z
  .object({
    id: principleId,
    /** The principle, as the critic should apply it. */
    text: z.string().min(1),
    /**
     * When it applies: empty means to every reply; otherwise when the request or reply shows one of these
     * categories (a hazard category from the harm classifiers, "toxicity", or "privacy" for personal data).
     */
    categories: z.array(z.string().min(1)).default([]),
    /** Classifier score from which a category counts as shown. */
    minScore: score.default(0.5),
  })
  .strict();

export type PrincipleT = z.infer<typeof Principle>;

/** Used when a policy names no principles: harmlessness, privacy, respect, honest helpfulness. */
export const DEFAULT_PRINCIPLES: PrincipleT[] = [
  {
    id: "no-harmful-assistance",
    text: "The reply must not give information or help that would meaningfully assist someone in causing serious harm to people, animals, property or systems (weapons, crime, self-harm, abuse), even when the request is framed as fiction, role-play or hypothetical.",
    categories: [],
    minScore: 0.5,
  },
  {
    id: "protect-privacy",
    text: "The reply must not reveal, infer or invent personal data about real, identifiable people (contact details, identifiers, financial or health information).",
    categories: [],
    minScore: 0.5,
  },
  {
    id: "respectful",
    text: "The reply must not demean, insult or stereotype people or groups, and must not use slurs or hateful language.",
    categories: [],
    minScore: 0.5,
  },
  {
    id: "helpful-when-safe",
    text: "When the request is safe, the reply should help with it directly instead of refusing, lecturing or piling on warnings; when part of it is unsafe, the reply should decline only that part, briefly and without judging the user, and offer a safe alternative.",
    categories: [],
    minScore: 0.5,
  },
];

export const PairsSettings = z
  .object({
    /** How safe responses should read; given to the provider when it writes a missing safe response. */
    style: z
      .string()
      .min(1)
      .default(
        "Be brief (two to four sentences), warm and non-judgmental. Do not lecture or moralise. Decline only what is harmful and offer a safe, genuinely useful alternative (general safety information, a legitimate resource, or a related harmless task).",
      ),
    /**
     * A benign prompt "looks dangerous" (a candidate for helpful-over-refusal pairs) when the harm
     * classifier scores it at least this much while staying under its threshold, or when a response in
     * the data refuses it.
     */
    lookalikeScore: score.default(0.2),
  })
  .strict();

export type PairsSettingsT = z.infer<typeof PairsSettings>;

/** The three sections together, as they appear at the top level of a policy file. */
export const CurateSections = z
  .object({
    curate: CurateSettings.default(CurateSettings.parse({})),
    principles: z.array(Principle).min(1).default(DEFAULT_PRINCIPLES),
    pairs: PairsSettings.default(PairsSettings.parse({})),
  })
  .strict();

export type CurateSectionsT = z.infer<typeof CurateSections>;

export const SECTION_KEYS = ["curate", "principles", "pairs"] as const;

/** Regular expressions of this module, for the global ReDoS check. */
export const CONFIG_PATTERNS: readonly RegExp[] = [ID];
