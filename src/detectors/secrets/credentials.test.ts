/**
 * Credentials in URLs, connection strings, HTTP headers and curl commands, and JWTs. Passwords and
 * tokens are FAKE (seeded random or obviously invented).
 */
import { describe, expect, it } from "vitest";
import { rawText } from "../../text/raw.js";
import { findSecrets } from "./detector.js";
import { prng } from "./sample-from-regex.js";

const rand = prng(4242);
const A62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const fake = (n: number, alphabet = A62): string => {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};
const SETTINGS = { entropyThreshold: 3.5, minGenericLength: 16 };
const find = (text: string) => findSecrets(rawText(text), SETTINGS).filter((f) => f.score >= 0.5);
const spanText = (text: string, f: { span?: [number, number] }) => text.slice(f.span![0], f.span![1]);

function expectOne(text: string, label: string, secret: string): void {
  const found = find(text);
  expect(found, `${text} -> ${JSON.stringify(found)}`).toHaveLength(1);
  expect(found[0]!.label).toBe(label);
  expect(spanText(text, found[0]!)).toBe(secret);
}

describe("connection strings and URL credentials", () => {
  const pw = fake(14) + "!";
  const cases: [string, string][] = [
    [`DATABASE_URL=postgres://app_user:${pw}@db.internal:5432/prod`, "connection-string-password"],
    [`postgresql+psycopg2://app:${pw}@localhost/app`, "connection-string-password"],
    [`mysql://root:${pw}@10.0.0.5:3306/shop`, "connection-string-password"],
    [`mongodb+srv://admin:${pw}@cluster0.abcde.mongodb.net/?retryWrites=true`, "connection-string-password"],
    [`REDIS_URL=redis://:${pw}@cache:6379/0`, "connection-string-password"],
    [`amqps://svc:${pw}@mq.example.net/vhost`, "connection-string-password"],
    [`jdbc:postgresql://db:5432/app?user=app&password=${pw}&ssl=true`, "connection-string-password"],
    [
      `Server=tcp:db.example.net,1433;Database=app;User Id=sa_app;Password=${pw};Encrypt=True;`,
      "connection-string-password",
    ],
    [`Driver={ODBC Driver 18};Server=db;UID=reporter;PWD=${pw};`, "connection-string-password"],
    [`jdbc:oracle:thin:scott/${pw}@//db.example.net:1521/ORCL`, "connection-string-password"],
    [`https://deploy:${pw}@git.example.org/team/repo.git`, "url-credentials"],
    [`ftp://uploader:${pw}@files.example.org/in/`, "url-credentials"],
  ];
  for (const [text, label] of cases) {
    it(`finds the password in ${text.replace(pw, "<pw>")}`, () => expectOne(text, label, pw));
  }

  it("ignores URLs without credentials and templated or placeholder credentials", () => {
    for (const text of [
      "postgresql://localhost:5432/app",
      "https://en.wikipedia.org/wiki/Special:Search",
      "postgres://user:password@localhost:5432/db",
      "postgres://${DB_USER}:${DB_PASS}@${DB_HOST}/app",
      "mysql://{{user}}:{{password}}@{{host}}/{{db}}",
      "mongodb://<username>:<password>@host/db",
      "amqp://user:****@broker/",
      "hydra -m https_post_request username=^USER^&password=^PASS^",
      "Server=db;Database=app;User Id=sa;Password=<your password>;",
      "the password=secret trick is a bad idea",
    ]) {
      expect(find(text), text).toEqual([]);
    }
  });

  it("reports well-known default credentials with a low score", () => {
    const found = findSecrets(rawText("amqp://guest:guest@localhost:5672/"), SETTINGS);
    expect(found).toHaveLength(1);
    expect(found[0]!.score).toBeLessThan(0.5);
  });
});

describe("HTTP credentials", () => {
  it("finds Basic credentials when they decode to user:password", () => {
    const b64 = Buffer.from(`svc-bot:${fake(18)}`).toString("base64");
    expectOne(
      `curl -H "Authorization: Basic ${b64}" https://api.example.org/v1/items`,
      "authorization-header",
      b64,
    );
  });

  it("finds long Bearer tokens", () => {
    const tok = fake(40, A62 + "._-");
    expectOne(`Authorization: Bearer ${tok}`, "authorization-header", tok);
  });

  it("ignores short, placeholder and variable bearer values", () => {
    for (const text of [
      "Authorization: Bearer token123",
      "Authorization: Bearer $API_KEY",
      'curl -H "Authorization: Bearer <Openverse API token>"',
      "Authorization: Basic {base64(email:password)}",
      "Authorization: Bearer XXXXXXXXXXXX",
    ]) {
      expect(find(text), text).toEqual([]);
    }
  });

  it("finds curl -u user:password in its quoting forms", () => {
    const pw = fake(12) + "#";
    expectOne(`curl -u deploy:${pw} https://ci.example.org/api`, "curl-basic-auth", pw);
    expectOne(`curl --user "deploy:${pw}" https://ci.example.org/api`, "curl-basic-auth", pw);
    expectOne(`curl --user kevin:'${pw}' -X PATCH https://x.example.org`, "curl-basic-auth", pw);
    expectOne(`curl -X POST \\\n  -u 'ops:${pw}' \\\n  https://x.example.org`, "curl-basic-auth", pw);
  });

  it("takes the user part when curl gets an API key as user name", () => {
    const key = fake(24);
    expectOne(`curl -u ${key}: https://api.example.org/v1/charges`, "curl-basic-auth", key);
  });

  it("ignores curl -u with placeholders and -u flags of other tools", () => {
    for (const text of [
      "curl -u username:password https://example.org",
      "curl --user myusername:mypassword https://example.org",
      "curl -u $USER:$PASS https://example.org",
      "ps -u root:wheel -o pid",
    ]) {
      expect(find(text), text).toEqual([]);
    }
  });
});

describe("JWTs", () => {
  const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const jwt = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "user-42", iat: 1718000000 })}.${fake(43, A62 + "_-")}`;

  it("finds a signed JWT", () => {
    expectOne(`token: ${jwt}`, "jwt", jwt);
  });

  it("finds a base64-encoded JWT", () => {
    const enc = Buffer.from(jwt).toString("base64");
    expectOne(`jwt_b64 ${enc}`, "jwt-base64", enc);
  });

  it("gives unsigned tokens (alg none) a lower score", () => {
    const unsigned = `${b64url({ alg: "none" })}.${b64url({ sub: "x", admin: true })}.`;
    const found = findSecrets(rawText(`t=${unsigned}`), SETTINGS);
    expect(found).toHaveLength(1);
    expect(found[0]!.score).toBeLessThan(0.9);
  });

  it("ignores eyJ-prefixed strings whose header is not JSON with alg", () => {
    const notJwt = `eyJ${fake(30)}.${fake(30)}.${fake(30)}`;
    const noAlg = `${b64url({ typ: "JWT" })}.${b64url({ sub: "x" })}.${fake(20)}`;
    expect(find(notJwt)).toEqual([]);
    expect(find(noAlg)).toEqual([]);
  });
});
