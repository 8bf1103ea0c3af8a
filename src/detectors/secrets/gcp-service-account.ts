/**
 * A Google Cloud service-account key file: JSON with "type": "service_account". The private key in
 * it is reported by the private-key rule; this marks the file itself, which also carries the key id
 * and client e-mail needed to use it.
 */
import { TIER, type SecretHit, type SecretRule } from "./rule-types.js";

const TYPE_BEFORE_RE = /"type"\s{0,8}:\s{0,8}$/;

export const gcpServiceAccountRule: SecretRule = {
  id: "gcp-service-account",
  family: "gcp",
  description: 'Google Cloud service account key file ("type": "service_account")',
  keywords: ['"service_account"'],
  tier: TIER.contextual,
  patterns: [TYPE_BEFORE_RE],
  gitleaks: ["gcp-service-account"],
  scan(input, hits, out: SecretHit[]) {
    const { text } = input;
    for (const pos of hits) {
      if (!TYPE_BEFORE_RE.test(text.slice(Math.max(0, pos - 24), pos))) continue;
      out.push({
        label: "gcp-service-account",
        start: pos,
        end: pos + '"service_account"'.length,
        score: 0.7,
        tier: TIER.contextual,
        evidence: "service account key file",
      });
    }
  },
};
