/**
 * An evaluation described as data: which suites and benchmarks, which strategies, which target and how
 * to reach it, which judge. The CLI builds one from its flags and saves it with the run, so `--resume`
 * rebuilds exactly the same plan and target. Paths are stored absolute; keys never (only the name of
 * the environment variable that holds one, or the config file that does).
 */
import { z } from "zod";

export const TARGET_KINDS = ["guard", "provider", "stack", "http", "replay"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const HttpSpec = z
  .object({
    url: z.string().min(1),
    method: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    bodyTemplate: z.string().min(1).optional(),
    responsePath: z.string().optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

/** A provider given by flags: an OpenAI-compatible server. */
const InlineProvider = z
  .object({
    baseURL: z.string().min(1),
    model: z.string().min(1),
    apiKeyEnv: z.string().min(1).optional(),
  })
  .strict();

export const EvalSpecSchema = z
  .object({
    /** Built-in suite names or suite file paths. */
    suites: z.array(z.string().min(1)).default([]),
    /** Public benchmarks: name and optional path. */
    benchmarks: z
      .array(z.object({ name: z.string().min(1), path: z.string().optional() }).strict())
      .default([]),
    strategies: z.array(z.string().min(1)).default([]),
    seed: z.number().int().default(0),
    limitPerSuite: z.number().int().positive().optional(),
    target: z.enum(TARGET_KINDS).default("guard"),
    /** Policy name or file (guard and stack targets). */
    policy: z.string().min(1).default("default"),
    /** A provider config file (YAML or JSON, see ProviderConfigSchema). */
    providerConfigPath: z.string().min(1).optional(),
    provider: InlineProvider.optional(),
    /** Recorded responses (JSONL): the replay target's answers, or the guard target's recordings. */
    replay: z.string().min(1).optional(),
    http: HttpSpec.optional(),
    /** A provider config file for the rubric judge. */
    judgeConfigPath: z.string().min(1).optional(),
    judge: InlineProvider.optional(),
    /** Answer repeated requests from the response cache. */
    cache: z.boolean().default(true),
    /** Tell the guard the canaries a case planted (see StackRunOptions.knownCanaries). */
    knownCanaries: z.boolean().default(true),
    /** Record the guard's scores for the threshold sweep (guard and stack targets; see eval/sweep). */
    sweep: z.boolean().default(true),
  })
  .strict();

export type EvalSpec = z.output<typeof EvalSpecSchema>;
export type EvalSpecInput = z.input<typeof EvalSpecSchema>;
