/** API keys are stored as `sha256:<hex>`: the server never needs (or keeps) the key itself. */
import { createHash } from "node:crypto";

export function hashKey(key: string): string {
  return `sha256:${createHash("sha256").update(key, "utf8").digest("hex")}`;
}

/** The 32 digest bytes of a `sha256:<hex>` string (validated by the config schema). */
export function hashBytes(hash: string): Buffer {
  return Buffer.from(hash.slice("sha256:".length), "hex");
}
