/**
 * Does a reply carry out a harmful request? Flagged when the harmful-response classifier is sure on its
 * own (its threshold), or when the reply passes the lower after-harm bar, does not refuse, and the request
 * before it is harmful. Classifiers run lazily in that order, so most replies cost one score.
 */
import type { GuardText } from "../../text/types.js";
import type { ResolvedThresholds } from "../thresholds.js";
import type { ClassifierScores, TaskScore } from "./scorers.js";

export interface ReplyJudgement {
  harmful: boolean;
  harmfulResponse: TaskScore;
  /** Set when it was needed. */
  refusal?: TaskScore;
  harm?: TaskScore;
  /** The hazard category: the request's when it decided, else the reply's. */
  category: string;
  detail: string;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

export function judgeReply(
  scores: ClassifierScores,
  th: ResolvedThresholds,
  reply: GuardText,
  request: (() => GuardText | undefined) | undefined,
): ReplyJudgement {
  const r = scores.score("harmful-response", reply, "output");
  const base = { harmfulResponse: r, category: r.category };
  if (r.score >= th.harmfulResponse)
    return { ...base, harmful: true, detail: `harmful-response ${fmt(r.score)} (${r.category})` };
  const no = { ...base, harmful: false, detail: `harmful-response ${fmt(r.score)}` };
  if (r.score < th.harmfulResponseAfterHarm) return no;
  const q = request?.();
  if (!q) return no;
  const f = scores.score("refusal", reply, "output");
  if (f.score >= th.refusal) return { ...no, refusal: f };
  const h = scores.score("harm", q, "input");
  if (h.score < th.harm) return { ...no, refusal: f, harm: h };
  return {
    harmfulResponse: r,
    refusal: f,
    harm: h,
    harmful: true,
    category: h.category,
    detail: `harm ${fmt(h.score)} on the request (${h.category}); harmful-response ${fmt(r.score)} and refusal ${fmt(f.score)} on the reply`,
  };
}
