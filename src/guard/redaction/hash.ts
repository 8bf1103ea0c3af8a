/** Hash mode: a stable, salted digest tag, so equal values can be correlated without being read. */
import { createHash } from "node:crypto";
import { tagFor } from "./tags.js";

export function hashTag(label: string, value: string, salt: string): string {
  const hex = createHash("sha256").update(salt).update(value).digest("hex").slice(0, 8);
  return `[${tagFor(label)}:${hex}]`;
}
