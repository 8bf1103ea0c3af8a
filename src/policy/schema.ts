/**
 * The policy schema. A policy is YAML a security engineer can read: which categories to block,
 * redact or escalate at which stage, at what score, and what detectors look for. Every field has
 * a default so a policy names only what it changes; `extends:` overlays it on a base policy.
 */
import { z } from "zod";
import { STAGES } from "./stages.js";
import { DETECTOR_SETTINGS_SHAPE } from "./detector-settings.js";

export const ACTIONS = ["allow", "redact", "block", "escalate"] as const;
export type RuleAction = (typeof ACTIONS)[number];

/** Requests to transform text the user supplies are not requests for harmful help. */
export const TRANSFORMATIONS = ["translate", "summarise", "classify"] as const;
export type Transformation = (typeof TRANSFORMATIONS)[number];

const categoryId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "category ids are lower-case words joined by '-', e.g. 'violent-crimes'");

const score = z.number().min(0).max(1);

/** What to do when a category is found at one stage. Unset fields inherit from the category rule. */
export const StageRule = z
  .object({
    action: z.enum(ACTIONS).optional(),
    threshold: score.optional(),
    safeReply: z.string().min(1).optional(),
    allowTransformations: z.array(z.enum(TRANSFORMATIONS)).optional(),
  })
  .strict();

export const CategoryRule = StageRule.extend({
  stages: z.partialRecord(z.enum(STAGES), StageRule).optional(),
}).strict();

export const CustomCategory = z
  .object({
    id: categoryId,
    title: z.string().min(1),
    description: z.string().default(""),
  })
  .strict();

export const REDACTION_MODES = ["mask", "placeholder", "hash", "vault"] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export const RedactionSettings = z
  .object({
    /** mask: ****; placeholder: [EMAIL_1]; hash: [EMAIL:3f2a9c1d]; vault: placeholder reversible by de-anonymisation. */
    mode: z.enum(REDACTION_MODES).default("placeholder"),
    maskChar: z.string().length(1).default("*"),
    /** Per-label override of the mode, e.g. { email: hash }. */
    labels: z.record(z.string(), z.enum(REDACTION_MODES)).default({}),
    /** Salt for hash mode, so hashes cannot be looked up across deployments. */
    hashSalt: z.string().default(""),
  })
  .strict();

export const DetectorsConfig = z
  .object({
    /** Detectors to run; empty means every registered detector. */
    enabled: z.array(z.string()).default([]),
    disabled: z.array(z.string()).default([]),
    /** Per-detector time budget; a detector over it counts as failed. */
    timeoutMs: z.number().positive().default(100),
    /**
     * What a detector failure (throw or timeout) does: "closed" blocks when the detector feeds a
     * blocking rule at this stage; "open" ignores the failure (and the decision still records it).
     */
    onError: z.enum(["closed", "open"]).default("closed"),
  })
  .strict();

export const Limits = z
  .object({
    /** Longest text accepted, in characters (UTF-16 code units). */
    maxChars: z.number().int().positive().default(100_000),
    /** What to do with longer text: block it, or check and pass only the first maxChars. */
    onOversize: z.enum(["block", "truncate"]).default("block"),
  })
  .strict();

export const PolicySchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).default("unnamed"),
    description: z.string().default(""),
    /** A built-in policy name (default, strict, permissive) or a path relative to this file. */
    extends: z.string().min(1).optional(),
    categories: z.array(CustomCategory).default([]),
    defaults: z
      .object({
        action: z.enum(ACTIONS).default("allow"),
        threshold: score.default(0.5),
      })
      .strict()
      .default({ action: "allow", threshold: 0.5 }),
    safeReply: z.string().min(1).default("I can't help with that request."),
    rules: z.record(categoryId, CategoryRule).default({}),
    detectors: DetectorsConfig.default(DetectorsConfig.parse({})),
    redaction: RedactionSettings.default(RedactionSettings.parse({})),
    limits: Limits.default(Limits.parse({})),
    ...DETECTOR_SETTINGS_SHAPE,
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type StageRuleT = z.infer<typeof StageRule>;
export type CategoryRuleT = z.infer<typeof CategoryRule>;

/** The rule in force for one category at one stage, every field resolved. */
export interface ResolvedRule {
  category: string;
  action: RuleAction;
  threshold: number;
  safeReply: string;
  allowTransformations: Transformation[];
}
