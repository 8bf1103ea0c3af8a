/**
 * The policy schema. A policy is YAML a security engineer can read: which categories to block,
 * redact or escalate at which stage, at what score, and what detectors look for. Every field has
 * a default so a policy names only what it changes; `extends:` overlays it on a base policy.
 */
import { z } from "zod";
import { STAGES } from "./stages.js";
import { DETECTOR_SETTINGS_SHAPE } from "./detector-settings.js";
import { argsSchemaError } from "./tool-args-schema.js";
import { EscalationConfigSchema, RateLimitsConfigSchema } from "./limits-config.js";
import { AuditSettings } from "./audit-settings.js";

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

export const TOOL_RISKS = ["low", "medium", "high"] as const;
export type ToolRisk = (typeof TOOL_RISKS)[number];

/** What a call does when its turn has read untrusted text: block it, hold it for a person, or let it run. */
export const UNTRUSTED_INPUT_ACTIONS = ["block", "approve", "allow"] as const;
export type UntrustedInputAction = (typeof UNTRUSTED_INPUT_ACTIONS)[number];

export const ToolRateLimit = z
  .object({
    /** Calls allowed in any window of `perSeconds` seconds, per session. */
    max: z.number().int().positive(),
    perSeconds: z.number().positive(),
  })
  .strict();

/** A JSON Schema object for a tool's arguments, checked (Ajv, RE2 patterns) when the policy loads. */
const ArgsSchema = z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
  const error = argsSchemaError(schema);
  if (error !== undefined) ctx.addIssue({ code: "custom", message: error });
});

/**
 * The rule for one tool (or, under the key `default`, for every tool). Unset fields come from
 * `tools.default`, then from the built-in defaults: allowed, medium risk, no approval, no schema,
 * no rate limit, untrustedInput "approve" for high-risk tools and "allow" for the others.
 */
export const ToolRule = z
  .object({
    allowed: z.boolean().optional(),
    risk: z.enum(TOOL_RISKS).optional(),
    /** Every call needs a person's approval. */
    approval: z.boolean().optional(),
    schema: ArgsSchema.optional(),
    rateLimit: ToolRateLimit.optional(),
    untrustedInput: z.enum(UNTRUSTED_INPUT_ACTIONS).optional(),
    /** The tool's results are the application's own data: reading them does not taint the turn. */
    trustedResult: z.boolean().optional(),
  })
  .strict();

export const TOOL_DEFAULTS = { allowed: true, risk: "medium" } as const;

/** `tools:` maps a tool name (or `default`) to its rule; `default` always states allowed and risk. */
export const ToolsSettings = z.record(z.string().min(1), ToolRule).transform(
  (
    tools,
  ): Record<string, z.infer<typeof ToolRule>> & {
    default: z.infer<typeof ToolRule> & { allowed: boolean; risk: ToolRisk };
  } => ({ ...tools, default: { ...TOOL_DEFAULTS, ...tools.default } }),
);

export const RETRIEVAL_VIOLATION_ACTIONS = ["drop", "quarantine", "sanitise"] as const;
export const SPOTLIGHT_MODES = ["none", "delimit", "datamark"] as const;
export type SpotlightMode = (typeof SPOTLIGHT_MODES)[number];

export const RetrievalSettings = z
  .object({
    /**
     * A document the retrieval stage would block or escalate is dropped, quarantined (held back and
     * returned for review), or sanitised (the offending spans removed, then checked again).
     */
    onViolation: z.enum(RETRIEVAL_VIOLATION_ACTIONS).default("drop"),
    /**
     * Trusted sources: source ids, or URL host globs such as `*.example.com` (`*` matches any run of
     * characters). Kept documents from anywhere else taint the turn.
     */
    allowSources: z.array(z.string().min(1).max(512)).default([]),
    /** How documents are marked as data for the model: random delimiters, or a mark between words. */
    spotlight: z.enum(SPOTLIGHT_MODES).default("delimit"),
  })
  .strict();

export const SessionSettings = z
  .object({
    /**
     * Conversation risk: per category, a decayed sum over the last `window` turns of each turn's
     * strongest finding, as a fraction of its rule's threshold (capped at 1). A turn that adds to a
     * category whose sum reaches `riskThreshold` gets `action`, even when no single turn crossed
     * its rule's threshold.
     */
    riskThreshold: z.number().positive().default(2),
    decay: z.number().min(0).max(1).default(0.7),
    window: z.number().int().min(1).max(100).default(6),
    /** A finding under this fraction of its rule's threshold adds nothing (everyday noise). */
    floor: z.number().min(0).max(1).default(0.5),
    action: z.enum(["escalate", "block"]).default("escalate"),
    /** How long untrusted text taints the session: until the next user turn, or for the whole conversation. */
    taint: z.enum(["turn", "conversation"]).default("turn"),
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
    tools: ToolsSettings.default({ default: { ...TOOL_DEFAULTS } }),
    retrieval: RetrievalSettings.default(RetrievalSettings.parse({})),
    session: SessionSettings.default(SessionSettings.parse({})),
    rateLimits: RateLimitsConfigSchema.default(RateLimitsConfigSchema.parse({})),
    escalation: EscalationConfigSchema.default(EscalationConfigSchema.parse({})),
    audit: AuditSettings.default(AuditSettings.parse({})),
    ...DETECTOR_SETTINGS_SHAPE,
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type StageRuleT = z.infer<typeof StageRule>;
export type CategoryRuleT = z.infer<typeof CategoryRule>;
export type ToolRuleT = z.infer<typeof ToolRule>;
export type ToolsSettingsT = z.infer<typeof ToolsSettings>;
export type RetrievalSettingsT = z.infer<typeof RetrievalSettings>;
export type SessionSettingsT = z.infer<typeof SessionSettings>;

/** The rule in force for one category at one stage, every field resolved. */
export interface ResolvedRule {
  category: string;
  action: RuleAction;
  threshold: number;
  safeReply: string;
  allowTransformations: Transformation[];
}
