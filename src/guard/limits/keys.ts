/**
 * Store keys for buckets and strike records. Ids of any length are accepted: long ones are hashed, so a
 * key stays short (Redis memory, Map hashing) and an id can never change which key family it lands in.
 */
import { createHash } from "node:crypto";

export type Scope = "user" | "key";
export type BucketKind = "requests" | "tokens";

const MAX_ID_CHARS = 128;

function idPart(id: string): string {
  // The marker keeps the two forms apart: no literal id can pose as another id's hash.
  return id.length <= MAX_ID_CHARS ? `=${id}` : `#${createHash("sha256").update(id).digest("hex")}`;
}

/** `throttled` selects the stricter companion bucket counted while a user is throttled. */
export function bucketKey(scope: Scope, id: string, kind: BucketKind, throttled = false): string {
  return `bucket:${scope}:${kind}${throttled ? ":throttled" : ""}:${idPart(id)}`;
}

export function strikeKey(userId: string): string {
  return `strikes:user:${idPart(userId)}`;
}
