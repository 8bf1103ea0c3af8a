/**
 * The suite id: a hash of the cases' content, so two runs are comparable only when they ran the same
 * cases. Canonical JSON (keys sorted at every level, undefined dropped) makes it independent of key
 * order in the file; case order and every value count.
 */
import { createHash } from "node:crypto";
import type { EvalCase } from "../types.js";

/** JSON with object keys sorted at every level; `undefined` members are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** "sha256:" + the first 16 hex digits of sha256 over the canonical JSON of the cases. */
export function suiteId(cases: EvalCase[]): string {
  const digest = createHash("sha256").update(canonicalJson(cases)).digest("hex");
  return `sha256:${digest.slice(0, 16)}`;
}
