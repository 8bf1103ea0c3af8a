/**
 * The generic rule: a random-looking value assigned to a secret-like name, in any of the usual
 * assignment forms (see assignment.ts). "Random-looking" means: long enough, Shannon entropy at or
 * above the policy threshold, mixed character classes, and none of the things that fill such slots
 * in ordinary code and docs (UUIDs, file paths, dotted identifiers, versions, e-mail addresses,
 * variable references, placeholders).
 *
 * The same scanner reports human-chosen passwords assigned to password names
 * ("password-assignment"): shorter and lower in entropy, but with several character classes.
 */
import { isIdent } from "./chars.js";
import { identifierAt, nameWords, parseAssignment, type Assignment } from "./assignment.js";
import { caseSwitchRate, charClasses, shannonEntropy, upperPairRate } from "./entropy.js";
import { describeSecret } from "./evidence.js";
import { isPlaceholder, looksHandTyped } from "./placeholders.js";
import { TIER, type ScanInput, type SecretHit, type SecretRule } from "./rule-types.js";

/** Words that make a name secret-like (after camelCase/snake_case splitting). */
const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "passcode",
  "secret",
  "token",
  "apikey",
  "credential",
  "credentials",
  "creds",
  "auth",
  "authtoken",
  "accesstoken",
  "apitoken",
  "secretkey",
  "privatekey",
  "accesskey",
  "clientsecret",
  "signingkey",
  "masterkey",
  "encryptionkey",
]);
/** Compound words ending in one of these count too ("dbpassword", "githubtoken"). */
const SECRET_SUFFIXES = [
  "password",
  "passwd",
  "secret",
  "token",
  "apikey",
  "secretkey",
  "privatekey",
  "accesskey",
];
/** "key" counts only after one of these ("api key", "secret_key", "SigningKey"). */
const KEY_QUALIFIERS = new Set([
  "api",
  "access",
  "secret",
  "private",
  "auth",
  "signing",
  "master",
  "encryption",
  "client",
  "app",
  "application",
  "license",
  "service",
  "session",
  "account",
  "admin",
  "hmac",
  "jwt",
]);
/** Words that may follow the secret word without changing what the value is ("token_value"). */
const NEUTRAL_SUFFIXES = new Set([
  "value",
  "string",
  "str",
  "b64",
  "base64",
  "hex",
  "raw",
  "data",
  "text",
  "plain",
]);
/** Words that say the value is public or not a credential. */
const NOT_SECRET_WORDS = new Set(["public", "pub", "publishable", "csrf", "xsrf"]);
const PASSWORD_WORDS = new Set(["password", "passwd", "pwd", "pass", "passphrase", "passcode"]);

const PATH_EXT_RE =
  /\.(?:pem|key|crt|cer|p12|pfx|jks|der|pub|gpg|asc|keytab|json|ya?ml|toml|txt|env|cfg|conf|ini|xml|js|ts|py|sh|rb|go|java|html?)$/i;
const DOTTED_IDENT_RE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_RE = /^[0-9a-f]+$/i;
const WORDISH_RE = /^[A-Za-z]+(?:[_.-][A-Za-z]+)*$/;
const LITERALS = new Set([
  "true",
  "false",
  "null",
  "none",
  "nil",
  "undefined",
  "yes",
  "no",
  "required",
  "optional",
]);

export const GENERIC_PATTERNS: readonly RegExp[] = [
  PATH_EXT_RE,
  DOTTED_IDENT_RE,
  UUID_RE,
  HEX_RE,
  WORDISH_RE,
];

/** "password1" -> "password". */
function stripTrailingDigits(word: string): string {
  let e = word.length;
  while (e > 0 && word.charCodeAt(e - 1) >= 48 && word.charCodeAt(e - 1) <= 57) e--;
  return word.slice(0, e);
}

/** 2: clearly a secret name; 1: weak ("key"); 0: not secret-like. Also tells if it names a password. */
export function secretName(name: string): { strength: 0 | 1 | 2; password: boolean } {
  const words = nameWords(name).map(stripTrailingDigits);
  const n = words.length;
  if (n === 0 || words.some((w) => NOT_SECRET_WORDS.has(w))) return { strength: 0, password: false };
  let i = n - 1;
  if (n >= 2 && NEUTRAL_SUFFIXES.has(words[n - 1] as string)) i = n - 2;
  const w = words[i] as string;
  if (SECRET_WORDS.has(w) || SECRET_SUFFIXES.some((s) => w.endsWith(s))) {
    return { strength: 2, password: PASSWORD_WORDS.has(w) || w.endsWith("password") || w.endsWith("passwd") };
  }
  if (w === "key" || w === "keys") {
    if (i > 0 && KEY_QUALIFIERS.has(words[i - 1] as string)) return { strength: 2, password: false };
    return { strength: n === 1 ? 1 : 0, password: false };
  }
  return { strength: 0, password: false };
}

/** Contains a dotted version such as "1.2.3" (digit . digits . digit). */
function hasVersionNumber(v: string): boolean {
  let state = 0; // 0 start, 1 digit seen, 2 "d.", 3 "d.d+", 4 "d.d+."
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (state === 4 && digit) return true;
    if (digit) state = state === 2 || state === 3 ? 3 : 1;
    else if (c === 46) state = state === 1 ? 2 : state === 3 ? 4 : 0;
    else state = 0;
  }
  return false;
}

/** Shapes that fill secret-named slots in ordinary code and docs. */
function isBenignShape(v: string): boolean {
  return (
    v.startsWith("/") ||
    v.startsWith("./") ||
    v.startsWith("../") ||
    v.startsWith("~/") ||
    v.includes("://") ||
    v.includes("@") ||
    PATH_EXT_RE.test(v) ||
    DOTTED_IDENT_RE.test(v) ||
    hasVersionNumber(v) ||
    LITERALS.has(v.toLowerCase())
  );
}

/**
 * Mixed character classes; letters-only values must switch case like random text, not camelCase;
 * single-case values (ids like "cmp2-qat-1208358310") need more entropy than the threshold.
 */
function looksRandom(v: string, h: number, threshold: number): boolean {
  const cls = charClasses(v);
  if (cls.count < 2) return false;
  if (!cls.digit) return cls.upper && cls.lower && caseSwitchRate(v) >= 0.3 && upperPairRate(v) >= 0.08;
  if (!(cls.upper && cls.lower) && !HEX_RE.test(v)) return h >= threshold + 0.3;
  return true;
}

function acceptableForm(a: Assignment): boolean {
  // A quoted value must end at its closing quote; otherwise the string has blanks (prose).
  if (a.quoted && !a.closed) return false;
  // A call such as getenv("X") or a member access is code, not a literal.
  if (a.after === "(" || a.after === "." || a.after === "[") return false;
  return true;
}

export const genericRule: SecretRule = {
  id: "generic-secret",
  family: "generic",
  description: "High-entropy value assigned to a secret-like name (password, secret, token, api_key, ...)",
  keywords: ["pass", "pwd", "secret", "token", "auth", "cred", "key"],
  tier: TIER.generic,
  labels: ["generic-secret", "password-assignment"],
  patterns: GENERIC_PATTERNS,
  gitleaks: ["generic-api-key", "hashicorp-tf-password", "freemius-secret-key"],
  scan(input: ScanInput, hits, out: SecretHit[]) {
    const { text, entropyThreshold, minGenericLength } = input;
    let lastName = -1;
    let skipUntil = -1;
    for (const pos of hits) {
      if (pos < skipUntil) continue;
      const ident = identifierAt(text, pos, 0);
      if (!ident) {
        // A run too long to be a name: skip every hit inside it.
        let e = pos;
        while (e < text.length && isIdent(text.charCodeAt(e))) e++;
        skipUntil = e;
        continue;
      }
      if (ident[0] === lastName) continue;
      lastName = ident[0];
      const a = parseAssignment(text, ident[0], ident[1]);
      if (!a) continue;
      // A value is not also a name: hits inside it are skipped (keeps "a=a=a=..." linear).
      skipUntil = a.valueEnd;
      const v = a.value;
      // Both reports need at least 8 characters (the policy schema's floor for minGenericLength).
      if (v.length < 8 || !acceptableForm(a)) continue;
      const { strength, password } = secretName(a.name);
      if (strength === 0) continue;
      if (isPlaceholder(v) || looksHandTyped(v) || isBenignShape(v)) continue;
      const h = shannonEntropy(v);
      if (v.length >= minGenericLength && h >= entropyThreshold && looksRandom(v, h, entropyThreshold)) {
        // Hex-only values (hashes, ids) and UUIDs need a strong name; hex also a real key's length.
        if (HEX_RE.test(v) && (strength < 2 || v.length < 32)) continue;
        if (UUID_RE.test(v) && strength < 2) continue;
        const base = strength === 2 ? 0.7 : 0.5;
        out.push({
          label: "generic-secret",
          start: a.valueStart,
          end: a.valueEnd,
          score: Math.min(0.9, base + Math.max(0, h - entropyThreshold) * 0.1),
          tier: TIER.generic,
          evidence: describeSecret(v, `value of ${a.name.slice(0, 40)}`),
        });
      } else if (password && (a.closed || !a.quoted) && v.length >= 8 && v.length <= 128) {
        // A human password: several character classes, not a word or identifier.
        const cls = charClasses(v);
        if (cls.count < 3 || !cls.lower || WORDISH_RE.test(v) || h < 2.5) continue;
        out.push({
          label: "password-assignment",
          start: a.valueStart,
          end: a.valueEnd,
          score: 0.6,
          tier: TIER.contextual,
          evidence: describeSecret(v, `value of ${a.name.slice(0, 40)}`),
        });
      }
    }
  },
};
