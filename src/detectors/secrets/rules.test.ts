/**
 * Per-family positives and negatives for the provider rules. Every secret below is FAKE: bodies are
 * drawn from a seeded PRNG at test time in the provider's published format, so they look like real
 * keys to the detector but were never issued by anyone.
 */
import { describe, expect, it } from "vitest";
import { rawText } from "../../text/raw.js";
import { findSecrets } from "./detector.js";
import { SECRET_LABELS, SECRET_RULES } from "./rules.js";
import { prng } from "./sample-from-regex.js";

const SETTINGS = { entropyThreshold: 3.5, minGenericLength: 16 };
const rand = prng(20240611);
const A62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = A62 + "+/";
const URLSAFE = A62 + "_-";
const DIGITS = "0123456789";
const UPPERNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** A fake token body: n characters drawn from the alphabet. */
const fake = (alphabet: string, n: number): string => {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};

interface Positive {
  label: string;
  /** The fake secret; the finding's span must cover exactly it. */
  secret: string;
  /** The text around it; "$" marks where the secret goes. */
  context: string;
}

const p = (label: string, secret: string, context = "value: $"): Positive => ({ label, secret, context });

const POSITIVES: Record<string, Positive[]> = {
  aws: [
    p("aws-access-key-id", "AKIA" + fake(UPPER32, 16), "AWS_ACCESS_KEY_ID=$"),
    p("aws-access-key-id", "ASIA" + fake(UPPER32, 16), "temporary id $ expires soon"),
    p("aws-secret-access-key", fake(B64, 40), "aws_secret_access_key = $"),
    p("aws-secret-access-key", fake(B64, 40), '{"SecretAccessKey": "$"}'),
    p("aws-session-token", fake(B64, 180), "AWS_SESSION_TOKEN=$"),
  ],
  gcp: [
    p(
      "gcp-api-key",
      "AIza" + fake(URLSAFE, 35),
      "https://maps.googleapis.com/maps/api/js?key=$&callback=init",
    ),
    p("gcp-oauth-client-secret", "GOCSPX-" + fake(URLSAFE, 28), '"client_secret": "$"'),
    p("gcp-oauth-access-token", "ya29." + fake(URLSAFE, 120), "Authorization: Bearer $"),
  ],
  azure: [
    p("azure-ad-client-secret", fake(A62, 3) + "8Q~" + fake(A62 + "_~.-", 33) + "a", "client_secret=$"),
    p(
      "azure-storage-account-key",
      fake(B64, 86) + "==",
      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=$;EndpointSuffix=core.windows.net",
    ),
    p(
      "azure-sas-token",
      fake(A62 + "%", 44) + "%3D",
      "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2030-01-01&sp=r&sig=$",
    ),
    p(
      "azure-shared-access-key",
      fake(B64, 43) + "=",
      "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=$",
    ),
  ],
  github: [
    p("github-pat", "ghp_" + fake(A62, 36), "git clone https://x:$@github.com/o/r.git"),
    p("github-oauth", "gho_" + fake(A62, 36)),
    p("github-app-token", "ghs_" + fake(A62, 36)),
    p("github-app-token", "ghu_" + fake(A62, 36)),
    p("github-refresh-token", "ghr_" + fake(A62, 36)),
    p("github-fine-grained-pat", "github_pat_" + fake(A62, 22) + "_" + fake(A62, 59), "GITHUB_TOKEN=$"),
  ],
  gitlab: [
    p("gitlab-pat", "glpat-" + fake(URLSAFE, 20)),
    p("gitlab-token", "glptt-" + fake(HEX, 40)),
    p("gitlab-token", "glrt-" + fake(URLSAFE, 20)),
    p("gitlab-runner-registration-token", "GR1348941" + fake(URLSAFE, 20)),
  ],
  slack: [
    p(
      "slack-bot-token",
      `xoxb-${fake(DIGITS, 11)}-${fake(DIGITS, 13)}-${fake(A62, 24)}`,
      "SLACK_BOT_TOKEN=$",
    ),
    p(
      "slack-user-token",
      `xoxp-${fake(DIGITS, 11)}-${fake(DIGITS, 12)}-${fake(DIGITS, 12)}-${fake(HEX, 32)}`,
    ),
    p("slack-app-token", `xapp-1-A${fake(UPPERNUM, 10)}-${fake(DIGITS, 13)}-${fake(HEX, 64)}`),
    p(
      "slack-webhook-url",
      `T${fake(UPPERNUM, 8)}/B${fake(UPPERNUM, 10)}/${fake(A62, 24)}`,
      "curl -X POST https://hooks.slack.com/services/$ -d '{}'",
    ),
  ],
  discord: [
    p("discord-webhook-url", fake(URLSAFE, 68), `https://discord.com/api/webhooks/${fake(DIGITS, 18)}/$`),
    p(
      "discord-api-token",
      "M" + fake(URLSAFE, 23) + "." + fake(URLSAFE, 6) + "." + fake(URLSAFE, 27),
      "DISCORD_BOT_TOKEN=$",
    ),
  ],
  telegram: [
    p(
      "telegram-bot-api-token",
      `${fake(DIGITS, 9)}:AA${fake(URLSAFE, 33)}`,
      "https://api.telegram.org/bot$/getMe",
    ),
  ],
  twilio: [
    p("twilio-api-key", "SK" + fake(HEX, 32)),
    p("twilio-auth-token", fake(HEX, 32), "TWILIO_AUTH_TOKEN=$"),
  ],
  email: [
    p("sendgrid-api-token", `SG.${fake(URLSAFE, 22)}.${fake(URLSAFE, 43)}`, "SENDGRID_API_KEY='$'"),
    p("sendinblue-api-token", `xkeysib-${fake(HEX, 64)}-${fake(A62, 16)}`),
    p("mailgun-private-api-token", "key-" + fake(HEX, 32), "mg = Mailgun('$')"),
    p("mailchimp-api-key", fake(HEX, 32) + "-us14", "client.setConfig({ apiKey: '$' })"),
  ],
  payments: [
    p("stripe-access-token", "sk_live_" + fake(A62, 24), "stripe.api_key = '$'"),
    p("stripe-access-token", "rk_live_" + fake(A62, 24)),
    p("stripe-webhook-secret", "whsec_" + fake(A62, 32)),
    p("square-access-token", "sq0atp-" + fake(URLSAFE, 22)),
    p("square-access-token", "EAAA" + fake(URLSAFE, 60)),
    p(
      "paypal-braintree-access-token",
      `access_token$production$${fake("0123456789abcdefghijklmnopqrstuvwxyz", 16)}$${fake(HEX, 32)}`,
    ),
    p("shopify-token", "shpat_" + fake(HEX, 32)),
  ],
  ai: [
    p("openai-api-key", `sk-proj-${fake(URLSAFE, 74)}T3BlbkFJ${fake(URLSAFE, 74)}`, "OPENAI_API_KEY=$"),
    p("openai-api-key", `sk-${fake(A62, 20)}T3BlbkFJ${fake(A62, 20)}`, 'openai.api_key = "$"'),
    p("anthropic-api-key", `sk-ant-api03-${fake(URLSAFE, 93)}AA`, "x-api-key: $"),
    p("anthropic-admin-api-key", `sk-ant-admin01-${fake(URLSAFE, 93)}AA`),
    p(
      "huggingface-access-token",
      "hf_" + fake("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 34),
      "huggingface-cli login --token $",
    ),
    p("perplexity-api-key", "pplx-" + fake(A62, 48)),
  ],
  devtools: [
    p("npm-access-token", "npm_" + fake(A62, 36), "//registry.npmjs.org/:_authToken=$"),
    p("pypi-upload-token", "pypi-AgEIcHlwaS5vcmc" + fake(URLSAFE, 70), "password = $"),
    p("atlassian-api-token", "ATATT3" + fake(URLSAFE, 186)),
    p("linear-api-key", "lin_api_" + fake(A62, 40)),
    p("postman-api-token", `PMAK-${fake(HEX, 24)}-${fake(HEX, 34)}`),
    p("docker-hub-pat", "dckr_pat_" + fake(URLSAFE, 27), "docker login -u me -p $"),
    p("sonar-api-token", "squ_" + fake(HEX, 40)),
  ],
  infra: [
    p("digitalocean-token", "dop_v1_" + fake(HEX, 64)),
    p("heroku-api-key", "HRKU-AA" + fake(URLSAFE, 58)),
    p(
      "heroku-api-key-legacy",
      `${fake(HEX, 8)}-${fake(HEX, 4)}-${fake(HEX, 4)}-${fake(HEX, 4)}-${fake(HEX, 12)}`,
      "HEROKU_API_KEY=$",
    ),
    p("datadog-access-token", fake(HEX, 32), "DD_API_KEY=$"),
    p("databricks-api-token", "dapi" + fake(HEX, 32)),
    p("doppler-token", "dp.pt." + fake(A62, 43)),
    p("vault-service-token", "hvs." + fake(URLSAFE, 95), "VAULT_TOKEN=$"),
    p("1password-service-account-token", "ops_eyJ" + fake(B64, 300)),
    p("pulumi-api-token", "pul-" + fake(HEX, 40)),
    p("grafana-service-account-token", `glsa_${fake(A62, 32)}_${fake(HEX, 8)}`),
    p("new-relic-user-api-key", "NRAK-" + fake(UPPERNUM, 27)),
    p("sentry-user-token", "sntryu_" + fake(HEX, 64)),
    p("cloudflare-api-key", fake(URLSAFE, 40), "CLOUDFLARE_API_TOKEN=$"),
    p("okta-access-token", "00" + fake(URLSAFE, 40), "okta_api_token: $"),
    p("okta-ssws-token", "00" + fake(URLSAFE, 40), "Authorization: SSWS $"),
    p("age-secret-key", "AGE-SECRET-KEY-1" + fake("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
    p("alibaba-access-key-id", "LTAI" + fake(A62, 20)),
  ],
};

const NEGATIVES: [string, string][] = [
  ["AWS documentation example id", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"],
  ["AWS documentation example secret", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  ["AKIA followed by lower case", "akiaabcdefghijklmnop is not a key id"],
  ["GitHub prefix, body too short", "ghp_" + fake(A62, 30)],
  ["GitHub prefix, filler body", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ["GitHub prefix inside a longer word", "myghp_" + fake(A62, 36) + "more"],
  ["Stripe publishable key", "pk_live_" + fake(A62, 24)],
  [
    "Hugging Face identifiers",
    "from huggingface_hub import hf_hub_download; hf_requiredCharacteristicTypesForDisplayMetadata",
  ],
  ["Slack prefix only", "tokens look like xoxb-... or xoxp-..."],
  ["sk- in ordinary words", "a risk-free, task-based, desk-side approach"],
  ["OpenAI key truncated in docs", "OPENAI_API_KEY=sk-proj-..."],
  ["keyword crossing a camelCase boundary", "ReactNativeCameraKit: f15a5a04b0f6dc6073e6db0296e6ef2d8b8d2522"],
  [
    "keyword inside another word",
    "sumOfExposures = 3Kof2VffNQ0QgYIhXUPJosVlCaQKm2hfpWE6F1fT9YGY74blQBIPsrkCcf1TwKE5",
  ],
  ["file name that starts like a token", "assets/video_box.ico-7a388b69018576d24b59331fd60aab0c.png"],
  ["hand-typed Google key", "AIzaSyabcdefghijklmnopqrstuvwxyz1234567"],
  ["Vault-like code member access", "s.AcceptanceTimeoutSeconds = 30; s.makeKubeConfigController = args"],
  ["Mailgun-like word", "a key-value store"],
  ["Twilio-like word", "SKILLS and skeletons"],
];

const flagged = (text: string) => findSecrets(rawText(text), SETTINGS).filter((f) => f.score >= 0.5);

describe("secrets rules: positives per family", () => {
  for (const [family, cases] of Object.entries(POSITIVES)) {
    it(`finds ${family} secrets, with the span of the secret itself`, () => {
      for (const c of cases) {
        const text = c.context.replace("$", () => c.secret);
        const found = flagged(text);
        const hit = found.find((f) => f.label === c.label);
        expect(hit, `${c.label} in ${JSON.stringify(text)}; got ${JSON.stringify(found)}`).toBeDefined();
        expect(text.slice(hit!.span![0], hit!.span![1])).toBe(c.secret);
        expect(found).toHaveLength(1);
      }
    });
  }
});

describe("secrets rules: negatives", () => {
  for (const [name, text] of NEGATIVES) {
    it(`ignores ${name}`, () => {
      expect(flagged(text)).toEqual([]);
    });
  }
});

describe("secrets rule table", () => {
  it("has unique ids, lower-case keywords, and exports every label", () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SECRET_RULES) {
      expect(r.keywords.length, r.id).toBeGreaterThan(0);
      for (const k of r.keywords) expect(k, r.id).toBe(k.toLowerCase());
      expect(SECRET_LABELS).toContain(r.id);
    }
  });

  it("covers the major provider families named in the design", () => {
    const families = new Set(SECRET_RULES.map((r) => r.family));
    for (const f of [
      "aws",
      "gcp",
      "azure",
      "github",
      "gitlab",
      "slack",
      "stripe",
      "openai",
      "anthropic",
      "huggingface",
    ]) {
      expect(families, f).toContain(f);
    }
    expect(SECRET_RULES.length).toBeGreaterThan(150);
  });
});
