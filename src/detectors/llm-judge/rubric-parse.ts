/**
 * The parse rule of a rubric judge: RE2 patterns (linear time; they are the user's) that say whether a
 * reply is unsafe, safe, or carries a score.
 *
 * - `score`: its first capture group is a number, divided by `scale` and clamped to 0..1. When found,
 *   a finding is reported with that score whatever it is, and the policy's threshold decides.
 * - `unsafe`: a matching reply is unsafe (score 1 when there is no score). Checked before `safe`, so
 *   anchor the patterns when one word contains the other ("^unsafe", "^safe").
 * - `safe`: a matching reply is safe. When `safe` is given, a reply matching none of the patterns is
 *   a parse failure; without it, such a reply is safe.
 */
import RE2 from "re2";
import type { Finding } from "../types.js";
import { JudgeParseError, type ParsedVerdict } from "./types.js";

export interface RubricRule {
  unsafe?: string;
  safe?: string;
  score?: string;
  /** The score's full scale, e.g. 10 for "rate 0 to 10" (default 1). */
  scale?: number;
  /** RE2 flags (default "i"). */
  flags?: string;
}

/** What a custom parse function returns. */
export interface RubricAnswer {
  unsafe: boolean;
  /** 0..1; default 1 when unsafe. */
  score?: number;
  /** Categories violated (default: the judge's category). */
  categories?: string[];
}

export type RubricParser = (reply: string) => RubricAnswer;

function compile(field: string, pattern: string, flags: string): InstanceType<typeof RE2> {
  try {
    return new RE2(pattern, flags);
  } catch (err) {
    throw new Error(
      `rubric parse rule: ${field} /${pattern}/ is not a valid RE2 pattern: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

export function compileRubricRule(rule: RubricRule): RubricParser {
  // g and y make RE2 objects stateful between calls; a parse rule needs neither.
  const flags = [...(rule.flags ?? "i")].filter((f) => f !== "g" && f !== "y").join("");
  if (rule.unsafe === undefined && rule.score === undefined)
    throw new Error(
      "rubric parse rule: give `unsafe` or `score` (a pattern that recognises an unsafe verdict)",
    );
  const unsafe = rule.unsafe !== undefined ? compile("unsafe", rule.unsafe, flags) : undefined;
  const safe = rule.safe !== undefined ? compile("safe", rule.safe, flags) : undefined;
  const score = rule.score !== undefined ? compile("score", rule.score, flags) : undefined;
  const scale = rule.scale ?? 1;
  if (!(scale > 0)) throw new Error(`rubric parse rule: scale must be positive, got ${scale}`);

  return (reply) => {
    const s = score?.exec(reply)?.[1];
    const value = s !== undefined ? Number(s) : NaN;
    if (Number.isFinite(value)) {
      const v = Math.min(1, Math.max(0, value / scale));
      return { unsafe: unsafe ? unsafe.test(reply) : v >= 0.5, score: v };
    }
    if (unsafe?.test(reply)) return { unsafe: true };
    if (safe) {
      if (safe.test(reply)) return { unsafe: false };
      throw new JudgeParseError("rubric judge: the reply matches none of the parse rule's patterns", reply);
    }
    if (unsafe) return { unsafe: false };
    throw new JudgeParseError("rubric judge: no score found in the reply", reply);
  };
}

/** Findings from a rubric answer: one per category, with the answer's score. */
export function rubricFindings(
  answer: RubricAnswer,
  detector: string,
  category: string,
  reply: string,
): ParsedVerdict {
  const reported = answer.score !== undefined || answer.unsafe;
  if (!reported) return { unsafe: false, findings: [] };
  const score = answer.score ?? 1;
  if (!(score >= 0 && score <= 1))
    throw new JudgeParseError(`rubric judge: score ${score} is not in 0..1`, reply);
  const first = reply.trim().split("\n")[0] ?? "";
  const evidence = `guard model (rubric): ${first.length > 80 ? `${first.slice(0, 80)}…` : first}`;
  const findings: Finding[] = (answer.categories?.length ? answer.categories : [category]).map((c) => ({
    detector,
    category: c,
    score,
    label: "rubric",
    evidence,
  }));
  return { unsafe: answer.unsafe, findings };
}
