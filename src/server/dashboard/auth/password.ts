/**
 * The admin password, kept only as a scrypt hash (node:crypto): `scrypt$N$r$p$<salt>$<hash>`, salt and
 * hash in base64url. It comes from the environment: GUARDSTACK_ADMIN_PASSWORD_HASH (a hash made by
 * `hashAdminPassword`) or GUARDSTACK_ADMIN_PASSWORD (the password itself, hashed at start and then
 * forgotten). Without either there is no dashboard.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export const ADMIN_PASSWORD_ENV = "GUARDSTACK_ADMIN_PASSWORD";
export const ADMIN_PASSWORD_HASH_ENV = "GUARDSTACK_ADMIN_PASSWORD_HASH";

/** Shorter passwords are refused at start: the login form is the dashboard's only lock. */
export const MIN_PASSWORD_LENGTH = 12;

/** N = 2^15, r = 8: about 32 MiB and tens of milliseconds per guess. */
const DEFAULT_COST = { N: 32_768, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** A configuration problem with the admin password, said in one line. */
export class AdminPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminPasswordError";
  }
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; leave headroom over Node's 32 MiB default.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** Parses a stored hash; undefined when it is not one (bounded costs, so a bad value cannot stall a login). */
function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.trim().split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!isPowerOfTwo(N) || N > 1 << 20 || !Number.isInteger(r) || r < 1 || r > 32) return undefined;
  if (!Number.isInteger(p) || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const key = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length < 8 || key.length !== KEY_BYTES) return undefined;
  return { N, r, p, salt, key };
}

export function isAdminPasswordHash(value: string): boolean {
  return parseHash(value) !== undefined;
}

/** Hashes a password with a fresh random salt. */
export async function hashAdminPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, DEFAULT_COST);
  const { N, r, p } = DEFAULT_COST;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** True when `password` matches the stored hash; compared in constant time. */
export async function verifyAdminPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed);
  return timingSafeEqual(key, parsed.key);
}

/**
 * The admin password hash from the environment, or undefined when neither variable is set (then the
 * dashboard stays off). A malformed hash or a too-short password is an error, said plainly.
 */
export async function adminPasswordHashFromEnv(
  env: Record<string, string | undefined> = process.env,
): Promise<string | undefined> {
  const hash = env[ADMIN_PASSWORD_HASH_ENV]?.trim();
  if (hash) {
    if (!isAdminPasswordHash(hash))
      throw new AdminPasswordError(
        `${ADMIN_PASSWORD_HASH_ENV} is not a scrypt hash ("scrypt$N$r$p$salt$hash"); make one with "guardstack dashboard hash-password"`,
      );
    return hash;
  }
  const password = env[ADMIN_PASSWORD_ENV];
  if (password === undefined || password === "") return undefined;
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AdminPasswordError(
      `${ADMIN_PASSWORD_ENV} is too short: use at least ${MIN_PASSWORD_LENGTH} characters (the dashboard is protected by nothing else)`,
    );
  return hashAdminPassword(password);
}

/** Why the dashboard is off, for the start-up log and the page served in its place. */
export const NO_PASSWORD_MESSAGE =
  `the dashboard is off: no admin password. Set ${ADMIN_PASSWORD_ENV} (at least ${MIN_PASSWORD_LENGTH} characters) ` +
  `or ${ADMIN_PASSWORD_HASH_ENV} (from "guardstack dashboard hash-password") and restart`;
