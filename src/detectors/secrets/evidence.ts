/**
 * Evidence strings for secret findings. A finding is logged, shown in dashboards and stored in the
 * audit trail, so it must never carry the secret: it shows at most a short prefix (which for most
 * provider tokens is the public prefix such as "ghp_") and the length.
 */

/** At most 4 characters, and never more than a quarter of the value. */
export function safePrefix(value: string): string {
  const n = Math.min(4, Math.floor(value.length / 4));
  return value.slice(0, n);
}

export function describeSecret(value: string, what?: string): string {
  const prefix = safePrefix(value);
  const shown = prefix.length > 0 ? `"${prefix}…"` : "value";
  return `${what ? what + " " : ""}${shown} (${value.length} chars)`;
}
