/** A short content hash naming the exact effective policy, so audit records say which one decided. */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      Object.defineProperty(sorted, k, {
        value: (v as Record<string, unknown>)[k],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return sorted;
  });
}

/** First 12 hex digits of sha256 over the canonical JSON. */
export function policyVersion(policy: unknown): string {
  return createHash("sha256").update(canonicalJson(policy)).digest("hex").slice(0, 12);
}
