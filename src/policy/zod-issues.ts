/**
 * Turns zod issues into short messages a person editing YAML can act on: what was expected, what
 * was found, and for an unknown key or option the nearest valid one.
 */
import type { z } from "zod";
import type { PathSegment } from "./problems.js";
import { didYouMean } from "./suggest.js";

export interface RawProblem {
  path: PathSegment[];
  message: string;
}

type Issue = z.core.$ZodIssue;

/** The few parts of zod's internal schema definitions needed to find the keys allowed at a path. */
interface SchemaLike {
  _zod: { def: DefLike };
}
interface DefLike {
  type: string;
  innerType?: SchemaLike;
  in?: SchemaLike;
  shape?: Record<string, SchemaLike>;
  keyType?: SchemaLike;
  valueType?: SchemaLike;
  element?: SchemaLike;
  options?: SchemaLike[];
  entries?: Record<string, string | number>;
}

function unwrap(schema: SchemaLike): SchemaLike {
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const d = s._zod.def;
    const inner = d.innerType ?? (d.type === "pipe" ? d.in : undefined);
    if (!inner) break;
    s = inner;
  }
  return s;
}

/** The schemas that could describe the value at `path` (unions fan out). */
function schemasAt(schema: SchemaLike, path: readonly PathSegment[]): SchemaLike[] {
  let current = [unwrap(schema)];
  for (const seg of path) {
    const next: SchemaLike[] = [];
    const visit = (s: SchemaLike) => {
      const d = s._zod.def;
      if (d.type === "union") for (const o of d.options ?? []) visit(unwrap(o));
      else if (d.type === "object" && typeof seg === "string" && d.shape?.[seg])
        next.push(unwrap(d.shape[seg]));
      else if (d.type === "record" && d.valueType) next.push(unwrap(d.valueType));
      else if (d.type === "array" && d.element) next.push(unwrap(d.element));
    };
    current.forEach(visit);
    current = next;
  }
  return current;
}

/** Keys a mapping at `path` may have, when the schema says (object shape or enum-keyed record). */
export function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  const visit = (s: SchemaLike) => {
    const d = s._zod.def;
    if (d.type === "union") for (const o of d.options ?? []) visit(unwrap(o));
    else if (d.type === "object") Object.keys(d.shape ?? {}).forEach((k) => keys.add(k));
    else if (d.type === "record" && d.keyType) {
      const kd = unwrap(d.keyType)._zod.def;
      if (kd.type === "enum") Object.values(kd.entries ?? {}).forEach((k) => keys.add(String(k)));
    }
  };
  schemasAt(schema, path).forEach(visit);
  return [...keys];
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null (an empty value)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return `${typeof v} ${v}`;
  return typeof v;
}

const EXPECTED: Record<string, string> = {
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
};

function sizeMessage(issue: Issue & { code: "too_big" | "too_small" }): string {
  const big = issue.code === "too_big";
  const limit = Number(
    big ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum,
  );
  const inclusive = issue.inclusive !== false;
  const exact = (issue as { exact?: boolean }).exact === true;
  const got = "input" in issue && issue.input !== undefined ? issue.input : undefined;
  switch (issue.origin) {
    case "number":
    case "int":
    case "bigint": {
      const rel = big ? "less than" : "greater than";
      const gotText = typeof got === "number" ? ` (got ${got})` : "";
      return `Number must be ${rel}${inclusive ? " or equal to" : ""} ${limit}${gotText}`;
    }
    case "string": {
      const len = typeof got === "string" ? ` (got ${got.length})` : "";
      if (exact) return `must be exactly ${limit} character${limit === 1 ? "" : "s"} long${len}`;
      if (!big && limit === 1) return "must not be empty";
      return `must be at ${big ? "most" : "least"} ${limit} characters long${len}`;
    }
    case "array":
      if (!big && limit === 1) return "must not be an empty list";
      return `must have at ${big ? "most" : "least"} ${limit} item${limit === 1 ? "" : "s"}`;
    default:
      return issue.message;
  }
}

/**
 * One issue -> one or more problems. `unrecognized_keys` becomes one problem per key, at the key,
 * so each unknown key is reported on its own line.
 */
export function issueToProblems(
  issue: Issue,
  schema: z.ZodType,
  prefix: readonly PathSegment[] = [],
): RawProblem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const input: unknown = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(schema, path);
      return issue.keys.map((key) => {
        let hint = didYouMean(key, allowed);
        if (hint === "" && allowed.length > 0 && allowed.length <= 10)
          hint = `; allowed here: ${allowed.join(", ")}`;
        return { path: [...path, key], message: `unknown key "${key}"${hint}` };
      });
    }
    case "invalid_type":
      if (input === undefined)
        return [{ path, message: `is required (${EXPECTED[issue.expected] ?? issue.expected})` }];
      return [
        { path, message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(input)}` },
      ];
    case "too_big":
    case "too_small":
      return [{ path, message: sizeMessage(issue) }];
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v));
      if (values.length === 1) return [{ path, message: `must be ${values[0]}, got ${describe(input)}` }];
      const hint = typeof input === "string" ? didYouMean(input, issue.values.map(String)) : "";
      return [{ path, message: `${describe(input)} is not one of ${issue.values.join(", ")}${hint}` }];
    }
    case "invalid_key": {
      const inner = issue.issues.flatMap((i) => issueToProblems(i, schema, [])).map((p) => p.message);
      return [{ path, message: `invalid key ${JSON.stringify(input)}: ${inner.join("; ")}` }];
    }
    case "invalid_union": {
      // A branch that failed on something other than its top-level type is the one the author meant
      // (e.g. a term written as a mapping with a misspelt key): report its problems.
      const meant = issue.errors.filter(
        (errs) => !(errs.length === 1 && errs[0]!.code === "invalid_type" && errs[0].path.length === 0),
      );
      if (meant.length === 1) return meant[0]!.flatMap((i) => issueToProblems(i, schema, path));
      const expected = issue.errors
        .flatMap((errs) => (errs.length === 1 && errs[0]!.code === "invalid_type" ? [errs[0].expected] : []))
        .map((e) => EXPECTED[e] ?? e);
      if (expected.length > 0)
        return [{ path, message: `expected ${expected.join(" or ")}, got ${describe(input)}` }];
      return [{ path, message: issue.message }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}
