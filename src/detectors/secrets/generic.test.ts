/**
 * The generic rule: random-looking values assigned to secret-like names. All secrets are FAKE
 * (seeded PRNG output).
 */
import { describe, expect, it } from "vitest";
import { rawText } from "../../text/raw.js";
import { findSecrets } from "./detector.js";
import { shannonEntropy } from "./entropy.js";
import { secretName } from "./generic.js";
import { prng } from "./sample-from-regex.js";

const rand = prng(7);
const A62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const fake = (n: number, alphabet = A62): string => {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};
const DEFAULTS = { entropyThreshold: 3.5, minGenericLength: 16 };
const find = (text: string, settings = DEFAULTS) =>
  findSecrets(rawText(text), settings).filter((f) => f.score >= 0.5);

describe("generic secret rule: assignment forms", () => {
  const secret = fake(32);
  const forms = [
    `api_key = "${secret}"`,
    `api_key: ${secret}`,
    `"client_secret": "${secret}"`,
    `'auth_token' => '${secret}',`,
    `token := "${secret}"`,
    `export SECRET_KEY=${secret}`,
    `mytool --token ${secret} --verbose`,
    `mytool --api-key=${secret}`,
    `os.environ.setdefault("SERVICE_PASSWORD", "${secret}")`,
    `<password>${secret}</password>`,
    `privateKey: '${secret}'`,
    `credentials = ${secret}`,
  ];
  for (const form of forms) {
    it(`finds the value in ${form.replace(secret, "<secret>")}`, () => {
      const found = find(form);
      expect(found.map((f) => f.label)).toEqual(["generic-secret"]);
      expect(form.slice(found[0]!.span![0], found[0]!.span![1])).toBe(secret);
    });
  }
});

describe("generic secret rule: what it leaves alone", () => {
  const cases: [string, string][] = [
    ["a sentence in quotes", 'token = "the quick brown fox jumps over"'],
    ["an environment lookup", 'password = os.environ["DB_PASSWORD_VALUE"]'],
    ["a function call", "api_key = load_api_key_from_vault(config)"],
    ["a member access", "const token = process.env.GITHUB_TOKEN_V2"],
    ["a camelCase identifier", 'secretKey: "ThisIsMyVeryLongSecretIdentifier"'],
    ["a name that is not secret", `commit_sha = "${fake(40, "0123456789abcdef")}"`],
    ["a name ending in id", `client_id = "${fake(24)}"`],
    ["a name ending in a neutral-but-not-secret word", `token_type = "${fake(24)}"`],
    ["a public key", `public_key = "${fake(43)}"`],
    ["a CSRF token", `csrf-token=${fake(64)}`],
    ["a file path", "private_key = /etc/ssl/private/server-2024.key"],
    ["a URL", "auth_url = https://login.example.org/oauth2/v1/authorize"],
    ["a version string", "token = rc0.15.0_20231217_1420-SNAPSHOT"],
    ["an e-mail", "credentials = build-bot42@ci.example.org"],
    ["a UUID under a weak name", `key = "${crypto.randomUUID()}"`],
    ["a short hex value", `api_key = "${fake(24, "0123456789abcdef")}"`],
    ["a placeholder", "API_KEY=<your-api-key-goes-here>"],
    ["a template variable", "password: ${DB_PASSWORD}"],
    ["a masked value", "password = ****************"],
    ["a word repeated", "secret = aaaaaaaaaaaaaaaaaaaa"],
    ["a boolean", "auth = true"],
    ["max_tokens", "max_tokens = 4096"],
    ["prose with the word token", "Each token in the sequence attends to every other token."],
  ];
  for (const [name, text] of cases) {
    it(`ignores ${name}`, () => {
      expect(find(text)).toEqual([]);
    });
  }
});

describe("generic secret rule: entropy and length settings", () => {
  it("flags a random value at the default threshold and not above its entropy", () => {
    const v = fake(24);
    const h = shannonEntropy(v);
    expect(h).toBeGreaterThan(3.5);
    expect(find(`secret = ${v}`)).toHaveLength(1);
    expect(find(`secret = ${v}`, { entropyThreshold: h + 0.05, minGenericLength: 16 })).toEqual([]);
  });

  it("ignores low-entropy values that are long enough", () => {
    const v = "ab12ab12ab12ab12ab12ab12"; // entropy 2 bits/char
    expect(shannonEntropy(v)).toBeLessThan(3.5);
    expect(find(`secret = ${v}`)).toEqual([]);
  });

  it("honours minGenericLength", () => {
    const v = fake(20);
    expect(find(`token = ${v}`)).toHaveLength(1);
    expect(find(`token = ${v}`, { entropyThreshold: 3.5, minGenericLength: 24 })).toEqual([]);
  });

  it("scores higher with more entropy", () => {
    const low = find(`secret = ${fake(16)}`)[0];
    const high = find(`secret = ${fake(64, A62 + "+/")}`)[0];
    expect(low && high).toBeTruthy();
    expect(high!.score).toBeGreaterThan(low!.score);
  });

  it("accepts letters-only values only when they switch case like random text", () => {
    expect(find(`secret = ${fake(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`)).toHaveLength(
      1,
    );
    expect(find("secret = SomeLongCamelCaseIdentifierName")).toEqual([]);
  });
});

describe("password assignments", () => {
  it("reports human-chosen passwords with several character classes", () => {
    const text = 'db_password = "Tr0ub4dor&3x"';
    const found = find(text);
    expect(found.map((f) => f.label)).toEqual(["password-assignment"]);
    expect(text.slice(found[0]!.span![0], found[0]!.span![1])).toBe("Tr0ub4dor&3x");
  });

  it("ignores dictionary-like and placeholder passwords", () => {
    for (const text of [
      'password = "password123"',
      "PASSWORD=changeme",
      'password: "hunter"',
      "pass=COMBO00:COMBO01",
    ]) {
      expect(find(text), text).toEqual([]);
    }
  });
});

describe("secret names", () => {
  it("classifies names by their words", () => {
    expect(secretName("AWS_SECRET_ACCESS_KEY").strength).toBe(2);
    expect(secretName("clientSecret").strength).toBe(2);
    expect(secretName("api-key").strength).toBe(2);
    expect(secretName("githubToken").strength).toBe(2);
    expect(secretName("token_value").strength).toBe(2);
    expect(secretName("DB_PASSWORD").password).toBe(true);
    expect(secretName("key").strength).toBe(1);
    expect(secretName("keyPressed").strength).toBe(0);
    expect(secretName("tokenizer").strength).toBe(0);
    expect(secretName("token_type").strength).toBe(0);
    expect(secretName("password_hash").strength).toBe(0);
    expect(secretName("publicToken").strength).toBe(0);
  });
});
