/**
 * Checks a request's `Authorization: Bearer <key>` against the configured keys. The presented key is
 * hashed once and compared with every stored hash by `timingSafeEqual`, without stopping at a match, so
 * the time taken says nothing about which key (or how much of one) matched.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { KeyConfig } from "../config/schema.js";
import { HttpError } from "../http/openai-error.js";
import { hashBytes } from "./hash-key.js";

/** Who is calling: a configured key, or anyone (no keys configured: loopback only). */
export interface Caller {
  /** The key id, or "anonymous" when the server has no keys. */
  keyId: string;
  key?: KeyConfig;
}

export const ANONYMOUS: Caller = { keyId: "anonymous" };

const BEARER = "bearer ";

export class KeyRing {
  private readonly entries: Array<{ key: KeyConfig; digest: Buffer }>;

  constructor(keys: readonly KeyConfig[]) {
    this.entries = keys.map((key) => ({ key, digest: hashBytes(key.hash) }));
    const ids = new Set<string>();
    for (const { key } of this.entries) {
      if (ids.has(key.id)) throw new Error(`two keys have the id "${key.id}"; key ids must be unique`);
      ids.add(key.id);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The caller for an Authorization header; throws a 401 HttpError in OpenAI's format. */
  authenticate(authorization: string | undefined | null): Caller {
    if (this.entries.length === 0) return ANONYMOUS;
    const header = authorization?.trim() ?? "";
    if (header.length <= BEARER.length || header.slice(0, BEARER.length).toLowerCase() !== BEARER)
      throw new HttpError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        "invalid_request_error",
        "missing_api_key",
      );
    const presented = createHash("sha256").update(header.slice(BEARER.length).trim(), "utf8").digest();
    let found: KeyConfig | undefined;
    for (const entry of this.entries) {
      // Every entry is compared; the match is remembered, not returned early.
      if (timingSafeEqual(presented, entry.digest) && found === undefined) found = entry.key;
    }
    if (found === undefined)
      throw new HttpError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    return { keyId: found.id, key: found };
  }
}
