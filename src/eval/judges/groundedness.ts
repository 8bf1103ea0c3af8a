/**
 * The groundedness judge: is the answer supported by the context documents, or does it say the context
 * does not answer? An answer that declines for lack of information is grounded; otherwise the guard's
 * groundedness checker (src/guard/groundedness: numbers, dates, names, quotes and sentences of the answer
 * looked up in the context) decides. With no context at all, only an answer that declines is grounded.
 */
import { checkGroundedness } from "../../guard/groundedness/index.js";
import type { JudgeVerdict } from "../types.js";
import { isAbstention } from "./abstention.js";

export const GROUNDED_JUDGE = "groundedness";

/** Answers are judged on their first this many characters (a judge's cost stays bounded on any output). */
export const MAX_GROUNDED_CHARS = 20_000;

export interface GroundednessJudgement {
  supported: boolean;
  /** 0..1; 1 when the answer declines. */
  score: number;
  abstained: boolean;
  /** Claims of the answer the context does not support (text and kind). */
  unsupported: Array<{ text: string; kind: string }>;
}

export function groundedness(
  answer: string,
  context: readonly string[],
  threshold?: number,
): GroundednessJudgement {
  if (isAbstention(answer)) return { supported: true, score: 1, abstained: true, unsupported: [] };
  if (context.length === 0) return { supported: false, score: 0, abstained: false, unsupported: [] };
  const text = answer.length > MAX_GROUNDED_CHARS ? answer.slice(0, MAX_GROUNDED_CHARS) : answer;
  const r = checkGroundedness(text, [...context], threshold !== undefined ? { threshold } : {});
  return {
    supported: r.supported,
    score: r.score,
    abstained: false,
    unsupported: r.claims.filter((c) => !c.supported).map((c) => ({ text: c.text, kind: c.kind })),
  };
}

export function judgeGroundedness(
  answer: string,
  context: readonly string[],
  threshold?: number,
): JudgeVerdict {
  const r = groundedness(answer, context, threshold);
  let detail: string;
  if (r.abstained) detail = "declined: says the context does not answer";
  else if (context.length === 0) detail = "no context to support the answer, and it did not decline";
  else if (r.supported) detail = `supported by the context (score ${r.score.toFixed(2)})`;
  else {
    const claims = r.unsupported
      .slice(0, 3)
      .map((c) => `${c.kind} "${c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}"`)
      .join(", ");
    detail = `not supported by the context (score ${r.score.toFixed(2)})${claims ? `: ${claims}` : ""}`;
  }
  return { judge: GROUNDED_JUDGE, pass: r.supported, score: r.score, detail };
}
