/**
 * Rules for secrets whose value has no distinctive format (32 hex digits, 40 alphanumerics) but
 * whose name does: `TWILIO_AUTH_TOKEN = "..."`, `"datadog_api_key": "..."`. The keyword is the
 * provider's name; the rule parses the assignment around it and checks the value's shape.
 */
import { extendName, identifierAt, nameWords, parseAssignment } from "./assignment.js";
import { shannonEntropy } from "./entropy.js";
import { describeSecret } from "./evidence.js";
import { isPlaceholder } from "./placeholders.js";
import { TIER, type SecretHit, type SecretRule } from "./rule-types.js";

/** A name ending in one of these words labels something other than a secret (an id, a URL, ...). */
const NOT_SECRET_LAST_WORD = new Set([
  "id",
  "ids",
  "url",
  "uri",
  "name",
  "user",
  "username",
  "email",
  "region",
  "host",
  "endpoint",
  "domain",
  "version",
  "org",
  "account",
  "project",
  "path",
  "file",
  "enabled",
]);
const NOT_SECRET_WORD = new Set(["public", "pub", "publishable"]);

export interface KeyedRuleSpec {
  id: string;
  family: string;
  description: string;
  /** Lower-case words that must occur in the name (e.g. "twilio"). */
  names: readonly string[];
  /** Anchored regex (^...$) the value must match. */
  value: RegExp;
  score?: number;
  minEntropy?: number;
  what?: string;
  gitleaks?: readonly string[];
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/**
 * The keyword must start a word of the name and may not end inside a camelCase word that began
 * within it: "MERAKI_KEY", "merakiKey", "SecretAccessKey" count; "CameraKit" (came-RAKI-t),
 * "rookTable" (ro-OKTA-ble) and "sumOfExposures" (sum-O-f) do not.
 */
export function keywordIsWordStart(text: string, pos: number, len: number, identStart: number): boolean {
  const first = text.charCodeAt(pos);
  if (pos > identStart) {
    const prev = text.charCodeAt(pos - 1);
    const camel = isUpper(first) && (isLower(prev) || (prev >= 48 && prev <= 57));
    if ((isLower(prev) || isUpper(prev)) && !camel) return false;
  }
  let wordStartInside = false;
  for (let i = pos + 1; i < pos + len; i++) {
    if (isUpper(text.charCodeAt(i)) && isLower(text.charCodeAt(i - 1))) wordStartInside = true;
  }
  return !(wordStartInside && isLower(text.charCodeAt(pos + len)));
}

export function keyedRule(spec: KeyedRuleSpec): SecretRule {
  if (!spec.value.source.startsWith("^") || !spec.value.source.endsWith("$")) {
    throw new Error(`rule ${spec.id}: value pattern must be anchored`);
  }
  const minEntropy = spec.minEntropy ?? 3;
  const score = spec.score ?? 0.85;
  return {
    id: spec.id,
    family: spec.family,
    description: spec.description,
    keywords: spec.names,
    tier: TIER.contextual,
    patterns: [spec.value],
    gitleaks: spec.gitleaks ?? [],
    scan(input, hits, out: SecretHit[]) {
      const { text } = input;
      let lastName = -1;
      let skipUntil = -1;
      for (const pos of hits) {
        if (pos < skipUntil) continue;
        const ident = identifierAt(text, pos, 0);
        if (!ident || ident[0] === lastName) continue;
        const lower = text.slice(pos, pos + 32).toLowerCase();
        const kw = spec.names.find((n) => lower.startsWith(n));
        if (kw === undefined || !keywordIsWordStart(text, pos, kw.length, ident[0])) continue;
        lastName = ident[0];
        const words = nameWords(text.slice(ident[0], ident[1]));
        const last = words[words.length - 1];
        if (last !== undefined && NOT_SECRET_LAST_WORD.has(last)) continue;
        if (words.some((w) => NOT_SECRET_WORD.has(w))) continue;
        const a =
          parseAssignment(text, ident[0], ident[1]) ??
          parseAssignment(text, ident[0], extendName(text, ident[1]));
        if (!a) continue;
        skipUntil = a.valueEnd;
        const v = a.value;
        if (!spec.value.test(v) || isPlaceholder(v) || shannonEntropy(v) < minEntropy) continue;
        out.push({
          label: spec.id,
          start: a.valueStart,
          end: a.valueEnd,
          score,
          tier: TIER.contextual,
          evidence: describeSecret(v, spec.what ?? `value of ${a.name.slice(0, 40)}`),
        });
      }
    },
  };
}
