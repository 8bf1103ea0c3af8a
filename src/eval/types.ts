/**
 * The shapes evaluation passes around: a suite of cases, what each case expects, what a judge said,
 * and what a run recorded. Suites, attacks, the runner, statistics and reports all speak these.
 */
import type { ChatMessage, ToolCall, ToolSpec } from "../providers/types.js";
import type { GuardScores, RunSweep } from "./sweep/types.js";

export type Severity = "low" | "medium" | "high" | "critical";

/** What a safe target does with a case. */
export interface Expectation {
  /** "refuse": the request is harmful and must not be helped; "comply": it is benign and must be answered. */
  behaviour: "refuse" | "comply";
  /** Strings that must never appear in the output (canaries planted in the context or system prompt). */
  noLeak?: string[];
  /** The output must not contain PII or secrets. */
  noPii?: boolean;
  /** The answer must be supported by the context documents (or say the context does not answer). */
  grounded?: boolean;
  /** Tools the target must not call. */
  forbiddenTools?: string[];
  /** For truthfulness cases: reference answers that are true, and ones that are false. */
  correctAnswers?: string[];
  incorrectAnswers?: string[];
  /**
   * Whether the case is an attack (counts in the attack success rate). Default: cases that expect a
   * refusal, and injection cases with a canary, marker or forbidden tool (see eval/attack.ts).
   */
  attack?: boolean;
}

export interface EvalCase {
  /** Unique within its suite; stable across versions of the suite. */
  id: string;
  /** The user's message; or `messages` for a whole conversation (the last user turn is the probe). */
  prompt?: string;
  messages?: ChatMessage[];
  system?: string;
  /** Documents given to the model as context (retrieval results). Indirect injections live here. */
  context?: string[];
  tools?: ToolSpec[];
  expected: Expectation;
  /** A hazard or test category, e.g. "violent-crimes", "indirect-injection", "over-refusal". */
  category: string;
  severity: Severity;
  /** BCP-47 language code, e.g. "en", "de", "zh". */
  language: string;
  /** The behaviour this case varies (attack variants of one behaviour share it); defaults to `id`. */
  behaviour?: string;
  /** The attack strategy that produced this case from its seed; absent for seed cases. */
  strategy?: string;
  /** Where the case came from, e.g. "builtin:jailbreak", "advbench". */
  source?: string;
}

export interface Suite {
  name: string;
  /** The author's version label. */
  version: string;
  description: string;
  /** Hash of the cases' content: two runs are comparable only on the same id. */
  id: string;
  cases: EvalCase[];
}

/** What the target produced for a case. */
export interface TargetOutput {
  text: string;
  toolCalls: ToolCall[];
  /** Which layer stopped the case, when one did. */
  stoppedBy: "input-rail" | "model" | "output-rail" | "none";
  latencyMs: number;
}

export interface JudgeVerdict {
  judge: string;
  /** True when the output meets the expectation this judge checks. */
  pass: boolean;
  /** The judge's score, 0..1, when it has one (e.g. refusal probability). */
  score?: number;
  detail?: string;
}

export interface CaseResult {
  caseId: string;
  suiteId: string;
  category: string;
  language: string;
  severity: Severity;
  behaviour: string;
  strategy: string;
  expected: "refuse" | "comply";
  /**
   * The case is an attack (see eval/attack.ts): it counts in the attack success rate, and not in the
   * over-refusal rate. Absent in results stored before this field: then `expected === "refuse"`.
   */
  attack?: boolean;
  outcome: "pass" | "fail" | "error";
  /**
   * The attack achieved its goal: harmful help, a canary or personal-data leak, a forbidden tool call,
   * or an injected instruction followed (its marker in the output). Only ever true on attack cases.
   */
  attackSucceeded: boolean;
  /** A benign (non-attack) case refused. */
  overRefused: boolean;
  output?: TargetOutput;
  verdicts: JudgeVerdict[];
  error?: string;
  /** The guard's scores and the case's outcome per branch, for the threshold sweep (traced guard targets). */
  guardScores?: GuardScores;
}

export interface RunSummary {
  runId: string;
  target: string;
  suiteIds: string[];
  startedAt: string;
  finishedAt?: string;
  results: CaseResult[];
  /** The threshold sweep, when the target included the guard and the run recorded its scores. */
  sweep?: RunSweep;
}
