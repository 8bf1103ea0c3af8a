/**
 * The suite file schema (zod). A case in a file may use two shorthands the EvalCase shape does not:
 * `expected: refuse` for `expected: { behaviour: refuse }`, and tool-call `arguments` written as a
 * mapping (stored as its JSON text). Everything else is the EvalCase shape of ../types.ts.
 */
import { z } from "zod";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const BEHAVIOURS = ["refuse", "comply"] as const;
export const ROLES = ["system", "user", "assistant", "tool"] as const;

const text = z.string().min(1);

const ToolCallSchema = z
  .object({
    id: text,
    name: text,
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).default("{}"),
  })
  .strict()
  .transform((c) => ({
    ...c,
    arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
  }));

export const MessageSchema = z
  .object({
    role: z.enum(ROLES),
    content: z.string(),
    toolCalls: z.array(ToolCallSchema).min(1).optional(),
    toolCallId: text.optional(),
    name: text.optional(),
  })
  .strict();

export const ToolSpecSchema = z
  .object({
    name: text,
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const ExpectationSchema = z
  .object({
    behaviour: z.enum(BEHAVIOURS),
    noLeak: z.array(text).min(1).optional(),
    noPii: z.boolean().optional(),
    grounded: z.boolean().optional(),
    forbiddenTools: z.array(text).min(1).optional(),
    correctAnswers: z.array(text).min(1).optional(),
    incorrectAnswers: z.array(text).min(1).optional(),
    attack: z.boolean().optional(),
  })
  .strict();

export const CaseSchema = z
  .object({
    id: text,
    prompt: text.optional(),
    messages: z.array(MessageSchema).min(1).optional(),
    system: text.optional(),
    context: z.array(text).min(1).optional(),
    tools: z.array(ToolSpecSchema).min(1).optional(),
    expected: z.union([z.enum(BEHAVIOURS), ExpectationSchema]),
    category: text,
    severity: z.enum(SEVERITIES).default("medium"),
    language: text.default("en"),
    behaviour: text.optional(),
    strategy: text.optional(),
    source: text.optional(),
  })
  .strict();

export type CaseInput = z.output<typeof CaseSchema>;

/** Values every case of a YAML suite inherits unless it sets its own. */
export const DefaultsSchema = z
  .object({
    category: text.optional(),
    severity: z.enum(SEVERITIES).optional(),
    language: text.optional(),
    source: text.optional(),
  })
  .strict();

/** The top of a YAML suite; `cases` are checked one by one (so each error names its case). */
export const SuiteHeaderSchema = z
  .object({
    name: text,
    version: z.union([text, z.number()]).transform(String),
    description: z.string().default(""),
    defaults: DefaultsSchema.optional(),
    cases: z.array(z.unknown()).min(1),
  })
  .strict();
