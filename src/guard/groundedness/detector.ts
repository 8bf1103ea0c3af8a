/**
 * The groundedness detector: at the output stage, checks the answer against the context passages the
 * caller supplied (`ctx.context`, from CheckContext.context). Without a context there is nothing to
 * ground against and it reports nothing.
 *
 * Each unsupported claim is one finding with its span (so a `redact` rule can strike it), all with
 * the same score: 1 − the answer's groundedness. The policy's threshold on "ungrounded" is therefore
 * a threshold on the whole answer; 1 − GROUNDEDNESS_DEFAULTS.threshold (0.2) matches the tuned
 * default (see BENCHMARKS.md).
 */
import type { Detector, Finding } from "../../detectors/types.js";
import { checkGroundedness } from "./check.js";

export const GROUNDEDNESS_CATEGORY = "ungrounded";

const MAX_QUOTED = 60;
const WHITESPACE = /\s+/g;

export const PATTERNS: readonly RegExp[] = [WHITESPACE];

function quoted(s: string): string {
  const one = s.replace(WHITESPACE, " ");
  return one.length <= MAX_QUOTED ? `"${one}"` : `"${one.slice(0, MAX_QUOTED - 1)}…"`;
}

export const groundednessDetector: Detector = {
  name: "groundedness",
  stages: ["output"],
  cost: "fast",
  categories: [GROUNDEDNESS_CATEGORY],
  detect(text, ctx): Finding[] {
    const passages = ctx.context;
    if (!passages || passages.length === 0 || text.raw.trim().length === 0) return [];
    const result = checkGroundedness(text.raw, passages);
    const score = Math.round((1 - result.score) * 1e4) / 1e4;
    const out: Finding[] = [];
    for (const claim of result.claims) {
      if (claim.supported) continue;
      out.push({
        detector: "groundedness",
        category: GROUNDEDNESS_CATEGORY,
        score,
        label: `unsupported-${claim.kind}`,
        span: claim.span,
        view: "raw",
        evidence:
          claim.kind === "sentence"
            ? `${Math.round(claim.support * 100)}% of the sentence ${quoted(claim.text)} is in the context; answer groundedness ${result.score}`
            : `no support in the context for the ${claim.kind} ${quoted(claim.text)}; answer groundedness ${result.score}`,
      });
    }
    return out;
  },
};
