/**
 * Rules for tokens with a recognisable format, usually a provider prefix such as "ghp_" or "xoxb-".
 * The keyword prefilter gives the offset of the prefix; a sticky regex then checks the token right
 * there, so no regex ever scans the whole text.
 */
import { isAlnum } from "./chars.js";
import { shannonEntropy } from "./entropy.js";
import { describeSecret } from "./evidence.js";
import { isPlaceholder, looksHandTyped } from "./placeholders.js";
import { TIER, type SecretHit, type SecretRule, type Tier } from "./rule-types.js";

/** Score of a well-formed token whose body looks hand-typed ("abcdefg", "1234567"). */
export const HAND_TYPED_SCORE = 0.4;

export interface TokenRuleSpec {
  id: string;
  family: string;
  description: string;
  keywords: readonly string[];
  /** Sticky (`y`) regex run at the token start. */
  pattern: RegExp;
  /**
   * Capture group holding the secret; 0 (default) is the whole match. The group must sit at the
   * end of the match or be followed only by a short fixed suffix (its offset is found from the
   * end, so patterns need no `d` flag, which the ReDoS checker does not accept).
   */
  group?: number;
  score: number;
  /**
   * Where the token starts relative to the keyword: a fixed number of characters before it, or as
   * far back (at most `max`) as characters pass `test`. Default: the token starts at the keyword.
   */
  back?: { fixed: number } | { max: number; test: (c: number) => boolean };
  /** A character that may not precede the token; default letters, digits and ".". null: no check. */
  notAfter?: ((c: number) => boolean) | null;
  /** Minimum Shannon entropy of the secret (default 3). */
  minEntropy?: number;
  /** Skip the placeholder check (for formats with fixed filler, e.g. "AAAAAAAAAA"). */
  allowRepeats?: boolean;
  /** Extra check; return false to reject, or a number to override the score. */
  validate?: (secret: string) => boolean | number;
  /** Evidence wording, e.g. "GitHub personal access token". */
  what?: string;
  tier?: Tier;
  gitleaks?: readonly string[];
}

export function tokenRule(spec: TokenRuleSpec): SecretRule {
  if (!spec.pattern.sticky) throw new Error(`rule ${spec.id}: pattern must be sticky`);
  const group = spec.group ?? 0;
  const notAfter = spec.notAfter === undefined ? (c: number) => isAlnum(c) || c === 46 : spec.notAfter;
  const minEntropy = spec.minEntropy ?? 3;
  const tier = spec.tier ?? TIER.format;
  const back = spec.back;
  return {
    id: spec.id,
    family: spec.family,
    description: spec.description,
    keywords: spec.keywords,
    tier,
    patterns: [spec.pattern],
    gitleaks: spec.gitleaks ?? [],
    scan(input, hits, out: SecretHit[]) {
      const { text } = input;
      const re = spec.pattern;
      let lastEnd = -1;
      for (const pos of hits) {
        let start = pos;
        if (back) {
          if ("fixed" in back) start = pos - back.fixed;
          else {
            const limit = Math.max(0, pos - back.max);
            while (start > limit && back.test(text.charCodeAt(start - 1))) start--;
          }
        }
        if (start < 0 || start < lastEnd) continue;
        if (notAfter && start > 0 && notAfter(text.charCodeAt(start - 1))) continue;
        re.lastIndex = start;
        const m = re.exec(text);
        if (!m) continue;
        let s = m.index;
        let e = s + m[0].length;
        if (group !== 0) {
          const g = m[group];
          if (!g) continue;
          s = m.index + m[0].lastIndexOf(g);
          e = s + g.length;
        }
        const secret = text.slice(s, e);
        if (!spec.allowRepeats && isPlaceholder(secret)) continue;
        if (shannonEntropy(secret) < minEntropy) continue;
        let score = spec.score;
        if (spec.validate) {
          const v = spec.validate(secret);
          if (v === false) continue;
          if (typeof v === "number") score = v;
        }
        if (!spec.allowRepeats && looksHandTyped(secret)) score = Math.min(score, HAND_TYPED_SCORE);
        lastEnd = m.index + m[0].length;
        out.push({
          label: spec.id,
          start: s,
          end: e,
          score,
          tier,
          evidence: describeSecret(secret, spec.what),
        });
      }
    },
  };
}
