/** The secret rule table: every rule the detector runs, in priority order, and all their regexes. */
import { ASSIGNMENT_PATTERNS } from "./assignment.js";
import { authorizationHeaderRule, curlUserRule } from "./auth-header.js";
import { connectionParamsRule } from "./connection-params.js";
import { CREDENTIAL_CHECK_PATTERNS } from "./credentials-check.js";
import { gcpServiceAccountRule } from "./gcp-service-account.js";
import { genericRule } from "./generic.js";
import { JWT_SHAPE_RE, jwtBase64Rule, jwtRule } from "./jwt.js";
import { privateKeyRule, puttyKeyRule } from "./private-key.js";
import type { SecretRule } from "./rule-types.js";
import { AI_RULES } from "./rules-ai.js";
import { CLOUD_RULES } from "./rules-cloud.js";
import { DEVTOOLS_RULES } from "./rules-devtools.js";
import { MESSAGING_RULES } from "./rules-messaging.js";
import { PAYMENT_RULES } from "./rules-payments.js";
import { SAAS_RULES } from "./rules-saas.js";
import { urlCredentialsRule } from "./url-credentials.js";

export const SECRET_RULES: readonly SecretRule[] = [
  privateKeyRule,
  puttyKeyRule,
  ...AI_RULES,
  ...CLOUD_RULES,
  ...DEVTOOLS_RULES,
  ...MESSAGING_RULES,
  ...PAYMENT_RULES,
  ...SAAS_RULES,
  jwtRule,
  jwtBase64Rule,
  urlCredentialsRule,
  connectionParamsRule,
  gcpServiceAccountRule,
  authorizationHeaderRule,
  curlUserRule,
  genericRule,
];

{
  const seen = new Set<string>();
  for (const r of SECRET_RULES) {
    if (seen.has(r.id)) throw new Error(`duplicate secret rule id ${r.id}`);
    seen.add(r.id);
  }
}

/** Every regex the secrets detector runs, for the global ReDoS check. */
export const PATTERNS: readonly RegExp[] = [
  ...new Set([
    ...SECRET_RULES.flatMap((r) => r.patterns),
    ...ASSIGNMENT_PATTERNS,
    ...CREDENTIAL_CHECK_PATTERNS,
    JWT_SHAPE_RE,
  ]),
];

/** Every label a finding of this detector can carry. */
export const SECRET_LABELS: readonly string[] = [
  ...new Set(SECRET_RULES.flatMap((r) => [r.id, ...(r.labels ?? [])])),
];
