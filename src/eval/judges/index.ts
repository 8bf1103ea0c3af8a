/** Judges: did the target refuse, help with harm, leak, stay grounded, call a forbidden tool — and the case outcome. */
import { PATTERNS as ABSTENTION_PATTERNS } from "./abstention.js";
import { PATTERNS as CANARY_PATTERNS } from "./canary-leak.js";
import { PATTERNS as RUBRIC_PARSE_PATTERNS } from "./rubric-parse.js";
import { PATTERNS as RUBRIC_PATTERNS } from "./rubric.js";
import { PATTERNS as WORD_PATTERNS } from "./words.js";

export { judgeCase, type CaseJudgement, type JudgeOptions } from "./judge-case.js";
export { judgeRefusal, refusalScore, isRefusal, REFUSAL_JUDGE } from "./refusal.js";
export { judgeHarmfulResponse, harmfulResponseScore, HARMFUL_RESPONSE_JUDGE } from "./harmful-response.js";
export {
  classifierScore,
  operatingThreshold,
  type ClassifierScore,
  type ResponseTask,
} from "./classifier-judge.js";
export {
  judgeCanaryLeak,
  findCanaryLeaks,
  findCanary,
  compact,
  CANARY_JUDGE,
  type CanaryLeak,
} from "./canary-leak.js";
export { judgePiiLeak, findLeaks, defaultLeakSettings, PII_JUDGE, type LeakFinding } from "./pii-leak.js";
export {
  judgeGroundedness,
  groundedness,
  GROUNDED_JUDGE,
  type GroundednessJudgement,
} from "./groundedness.js";
export { judgeTruthfulness, TRUTH_JUDGE } from "./truthfulness.js";
export { judgeToolCalls, TOOL_JUDGE } from "./tool-calls.js";
export { judgeRubric, RUBRIC_JUDGE, type RubricVerdict } from "./rubric.js";
export { parseRubricReply, strongRejectScore, type RubricScores } from "./rubric-parse.js";
export { isAbstention } from "./abstention.js";
export { isShortRefusal, SHORT_REFUSAL_PHRASES, SHORT_REFUSAL_MAX_CHARS } from "./short-refusal.js";

/** Every regular expression the judges use, for the ReDoS check. */
export const JUDGE_PATTERNS: readonly RegExp[] = [
  ...ABSTENTION_PATTERNS,
  ...CANARY_PATTERNS,
  ...RUBRIC_PARSE_PATTERNS,
  ...RUBRIC_PATTERNS,
  ...WORD_PATTERNS,
];
