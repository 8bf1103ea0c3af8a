/**
 * Tool argument schemas (JSON Schema, draft-07) compiled with Ajv. The `pattern` and
 * `patternProperties` a policy author writes are compiled with RE2, so validation runs in linear
 * time whatever the schema says; unknown keywords and formats are errors, so a typo cannot switch a
 * check off silently. The policy schema calls `argsSchemaError` at load time; the tool rail calls
 * `compileArgsSchema` (cached, so each distinct schema is compiled once per process).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import RE2 from "re2";
import { ARGS_SCHEMA_FORMATS } from "./json-schema-formats.js";
import { canonicalJson } from "./version.js";

/** One reason arguments do not match their schema. */
export interface ArgsSchemaError {
  /** JSON Pointer to the offending value ("" for the whole arguments object). */
  path: string;
  message: string;
}

export interface ArgsValidator {
  /** The errors for `value`, or an empty list when it matches (at most `MAX_ERRORS`). */
  validate(value: unknown): ArgsSchemaError[];
}

/** Enough to act on; a value with more problems is reported by its first ones. */
export const MAX_ERRORS = 10;

/** Ajv's engine hook: called as a function with (pattern, flags); `code` is for standalone output only. */
const re2Engine = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RE2(pattern, flags);
    } catch (err) {
      throw new Error(
        `pattern ${JSON.stringify(pattern)} does not compile with RE2 (${(err as Error).message}); lookarounds and backreferences are not supported`,
        { cause: err },
      );
    }
  },
  { code: 'require("re2")' },
);

function newAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    code: { regExp: re2Engine },
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    logger: false,
  });
  for (const [name, validate] of Object.entries(ARGS_SCHEMA_FORMATS)) ajv.addFormat(name, validate);
  return ajv;
}

let ajv: Ajv | undefined;
const cache = new Map<string, ArgsValidator>();
/** Bounds memory when schemas are generated on the fly; real deployments have a handful. */
const MAX_CACHED = 1000;

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties")
    return `must not have the property "${String(p.additionalProperty)}"`;
  if (e.keyword === "required") return `must have the property "${String(p.missingProperty)}"`;
  if (e.keyword === "enum" && Array.isArray(p.allowedValues))
    return `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return e.message ?? e.keyword;
}

function wrap(validate: ValidateFunction): ArgsValidator {
  return {
    validate(value) {
      let ok: boolean;
      try {
        ok = validate(value);
      } catch (err) {
        // A recursive schema over very deep data can exhaust the stack: that is a failed check.
        return [{ path: "", message: `could not be checked (${(err as Error).message})` }];
      }
      if (ok) return [];
      return (validate.errors ?? [])
        .slice(0, MAX_ERRORS)
        .map((e) => ({ path: e.instancePath, message: describe(e) }));
    },
  };
}

/** Compiles a tool's argument schema; throws with Ajv's message when the schema is not valid. */
export function compileArgsSchema(schema: Record<string, unknown>): ArgsValidator {
  const key = canonicalJson(schema);
  const hit = cache.get(key);
  if (hit) return hit;
  ajv ??= newAjv();
  let validator: ArgsValidator;
  try {
    validator = wrap(ajv.compile(schema));
  } finally {
    // The compiled function is kept in our cache; Ajv's own cache is keyed by object identity and
    // would otherwise grow with every policy object loaded.
    ajv.removeSchema(schema);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, validator);
  return validator;
}

/** Why a schema cannot be used for tool arguments, or undefined when it can. */
export function argsSchemaError(schema: Record<string, unknown>): string | undefined {
  try {
    compileArgsSchema(schema);
    return undefined;
  } catch (err) {
    const raw = (err as Error).message;
    const message = raw.startsWith("strict mode: ") ? raw.slice("strict mode: ".length) : raw;
    const formats = message.includes("format")
      ? `; formats supported: ${Object.keys(ARGS_SCHEMA_FORMATS).join(", ")}`
      : "";
    return `not a usable JSON Schema (draft-07): ${message}${formats}`;
  }
}
