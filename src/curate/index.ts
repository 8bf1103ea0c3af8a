/**
 * The curate room: training-data curation (harmful compliance, toxicity, poisoning, personal data,
 * duplicates, language), safety preference pairs, and critique-and-revise against policy principles.
 */
export * from "./config.js";
export { loadCuratePolicy, parseSections, type CuratePolicy } from "./policy-sections.js";
export { CurateError } from "./errors.js";
export { REASONS, REASON_TEXT, CHECKS, type Reason, type CheckName, type Hit } from "./reasons.js";
export { Curator, type CuratorOptions, type Outcome, type CurateAction } from "./curator.js";
export { curateFile, type CurateFileOptions, type CurateSummary } from "./run-curate.js";
export { CurateStats, type StatsJSON } from "./stats.js";
export { renderCurateReport } from "./report.js";
export { resolveThresholds, type ResolvedThresholds } from "./thresholds.js";
export { judgeReply, type ReplyJudgement } from "./checks/compliance.js";
export { ClassifierScores, SCORE_TASKS, type ScoreTask, type TaskScore } from "./checks/scorers.js";
export { PrivacyCheck, type PrivacyResult } from "./checks/privacy.js";
export * from "./formats/index.js";
export * from "./dedup/index.js";
export { identifyLanguage, WORD_LANGUAGES, type LanguageGuess } from "./language/identify.js";
export { readLines, type RawLine, type ReadLinesOptions } from "./io/line-reader.js";
export { readRecords, chooseFormat, type RecordItem } from "./io/records.js";
export { readCheckpoint, type Checkpoint } from "./io/checkpoint.js";
export { toMessages, transcript, type PromptMessage } from "./conversation.js";
export { formatPair, PAIR_FORMATS, type Pair, type PairFormat } from "./pairs/pair-format.js";
export {
  PairBuilder,
  candidateOf,
  SKIP_REASONS,
  SKIP_TEXT,
  type PairResult,
  type SkipReason,
  type ReplyKind,
} from "./pairs/pair-builder.js";
export { generationMessages, type GeneratedSide } from "./pairs/prompts.js";
export { buildPairsFile, type PairsFileOptions, type PairsSummary } from "./pairs/run-pairs.js";
export {
  Reviser,
  type ReviserOptions,
  type TurnRevision,
  type ReviseStep,
  type RecordRevision,
} from "./revise/reviser.js";
export { critiqueMessages, revisionMessages } from "./revise/prompts.js";
export { parseVerdict, type CritiqueVerdict } from "./revise/verdict.js";
export { reviseFile, AUDIT_KEY, type ReviseFileOptions, type ReviseSummary } from "./revise/run-revise.js";
export { providerFromFile } from "./provider-file.js";

import { CONFIG_PATTERNS } from "./config.js";
import { CURATOR_PATTERNS } from "./curator.js";
import { REPORT_PATTERNS } from "./report.js";

/** Every regular expression of the curate room, for the ReDoS check. */
export const CURATE_PATTERNS: readonly RegExp[] = [
  ...CONFIG_PATTERNS,
  ...CURATOR_PATTERNS,
  ...REPORT_PATTERNS,
];
