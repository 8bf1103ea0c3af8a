/** Shared checks for passwords found in URLs, connection strings and command lines. */
import { isPlaceholder } from "./placeholders.js";

/** Words people write where a password goes in documentation. */
const PLACEHOLDER_PASSWORDS = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "pw",
  "secret",
  "mypassword",
  "yourpassword",
  "my_password",
  "your_password",
  "db_password",
  "dbpassword",
  "pass123",
  "password123",
  "token",
  "apikey",
  "api_key",
  "user",
  "username",
  "xxx",
  "***",
]);

/** Well-known default credentials: still a credential, but weak evidence of a real leak. */
const DEFAULT_PASSWORDS = new Set([
  "postgres",
  "root",
  "admin",
  "guest",
  "test",
  "mysql",
  "redis",
  "rabbitmq",
  "sa",
]);

/**
 * Score for a password seen in a credential slot, or 0 when it is a template: empty, a variable
 * reference ($PASS, ${PASS}, %s, {{pass}}, <pass>), an all-asterisk mask, or a placeholder word.
 */
export function passwordScore(password: string, user: string | undefined, base: number): number {
  if (password.length < 3) return 0;
  const lower = password.toLowerCase();
  // "^PASS^", "<password>", "[pass]": a word in template punctuation.
  const core = lower.replace(NON_ALNUM_RE, "");
  if (PLACEHOLDER_PASSWORDS.has(lower) || PLACEHOLDER_PASSWORDS.has(core) || isPlaceholder(password))
    return 0;
  if (MASK_RE.test(password)) return 0;
  const c0 = password[0];
  if (c0 === "{" || c0 === "(" || c0 === "[" || c0 === "^") return 0;
  if (DEFAULT_PASSWORDS.has(lower) || (user !== undefined && lower === user.toLowerCase()))
    return Math.min(base, 0.4);
  return base;
}

const NON_ALNUM_RE = /[^a-z0-9]/g;
const MASK_RE = /^[*•x.]+$/i;

export const CREDENTIAL_CHECK_PATTERNS: readonly RegExp[] = [NON_ALNUM_RE, MASK_RE];
