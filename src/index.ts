/**
 * guardstack's public API. Everything a user needs is exported here; anything else is internal and may
 * change between versions.
 */

// The guard engine
export { createGuard, type Guard, type GuardOptions } from "./guard/create-guard.js";
export type {
  CheckContext,
  Decision,
  DecisionAction,
  DetectorFailure,
  TransformationExemption,
} from "./guard/types.js";
export { findTransformation, type TransformationRequest } from "./guard/transformations.js";

// Redaction
export { redact, Vault, type VaultEntry } from "./guard/redaction/index.js";
export type { RedactionItem, RedactionResult, Replacement } from "./guard/redaction/index.js";

// Policy
export {
  ACTIONS,
  BUILTIN_CATEGORIES,
  BUILTIN_POLICY_NAMES,
  PolicySchema,
  PolicyError,
  REDACTION_MODES,
  STAGES,
  TRANSFORMATIONS,
  categoriesOf,
  explainPolicy,
  isStage,
  loadBuiltinPolicy,
  loadPolicyFile,
  loadPolicyText,
  resolvePolicy,
  resolveRule,
  type CategoryInfo,
  type LoadedPolicy,
  type Policy,
  type PolicyInput,
  type PolicyProblem,
  type RedactionMode,
  type ResolvedRule,
  type RuleAction,
  type Stage,
  type Transformation,
} from "./policy/index.js";
export type { DetectorSettings } from "./policy/detector-settings.js";

// Text normalisation
export { normalize, rawText, viewLabel } from "./text/index.js";
export type {
  GuardText,
  NormalizeOptions,
  Span,
  TextFlag,
  TextFlagKind,
  TextView,
  ViewKind,
} from "./text/index.js";

// Detectors
export { builtinDetectors } from "./detectors/builtin.js";
export { DetectorRegistry } from "./detectors/registry.js";
export type { Detector, DetectorContext, DetectorCost, Finding } from "./detectors/types.js";
export { codeDetector } from "./detectors/code/detector.js";
export { leakageDetector } from "./detectors/leakage/detector.js";
export { piiDetector } from "./detectors/pii/detector.js";
export { secretsDetector } from "./detectors/secrets/detector.js";
export { termsDetector } from "./detectors/terms/detector.js";
export { unicodeDetector } from "./detectors/unicode/unicode.js";
export { urlsDetector } from "./detectors/urls/detector.js";

// Providers: LLM adapters and local test servers
export {
  anthropicProvider,
  conversationKey,
  functionProvider,
  loadReplayFile,
  openAICompatibleProvider,
  parseProviderConfig,
  providerFromConfig,
  ProviderConfigError,
  ProviderConfigSchema,
  ProviderError,
  replayProvider,
  replayProviderFromFile,
  scriptedHandler,
  startMockAnthropicServer,
  startMockOpenAIServer,
  type AnthropicOptions,
  type ChatChunk,
  type ChatMessage,
  type ChatRequest,
  type ChatResponse,
  type ChatRole,
  type FinishReason,
  type MockHandler,
  type MockOpenAIServer,
  type MockReply,
  type OpenAICompatibleOptions,
  type Provider,
  type ProviderConfig,
  type ReplayRecord,
  type ToolCall,
  type ToolSpec,
  type Usage,
} from "./providers/index.js";

// Runtime rails: streaming, groundedness, tools, retrieval, session risk, rate limits, escalation
export * from "./guard/streaming/index.js";
export * from "./guard/groundedness/index.js";
export * from "./guard/tools/index.js";
export * from "./guard/retrieval/index.js";
export * from "./guard/session/index.js";
export * from "./guard/limits/index.js";
export * from "./guard/escalation/index.js";

// Evaluation: suites, attacks, benchmark loaders, statistics, comparison, reports
export type {
  CaseResult,
  EvalCase,
  Expectation,
  JudgeVerdict,
  RunSummary,
  Severity,
  Suite,
  TargetOutput,
} from "./eval/types.js";
export {
  BUILTIN_SUITE_NAMES,
  builtinSuite,
  builtinSuites,
  casePairs,
  loadSuiteFile,
  parseSuite,
  SuiteError,
  suiteId,
  type CasePair,
  type SuiteProblem,
} from "./eval/suites/index.js";
export {
  ADAPTIVE_ATTACKS,
  applyStrategies,
  applyStrategiesAsync,
  resolveStrategy,
  runAdaptiveAttack,
  STRATEGIES,
  STRATEGY_NAMES,
  translatorFromProvider,
  type AdaptiveAttack,
  type AdaptiveOptions,
  type AdaptiveResult,
  type AttackStrategy,
  type Translate,
} from "./eval/attacks/index.js";
export {
  BENCHMARK_NAMES,
  BenchmarkError,
  BENCHMARKS,
  loadBenchmark,
  type BenchmarkInfo,
  type BenchmarkSuite,
} from "./eval/loaders/index.js";
export {
  clusteredBootstrapInterval,
  inRate,
  summarize,
  wilsonInterval,
  type RateKind,
  type GroupStats,
  type Interval,
  type LatencyStats,
  type LayerStats,
  type Rate as StatsRate,
  type RunStats,
  type StatsOptions,
} from "./eval/stats/index.js";
export {
  OPERATING_SCALE,
  outcomeAt,
  SWEEP_PARAMETER,
  SWEEP_SCALES,
  thresholdSweep,
  hasSweptClassifier,
  type BranchOutcome,
  type GuardScores,
  type LayerScores,
  type RunSweep,
} from "./eval/sweep/index.js";
export { INJECTION_CATEGORIES, isAttackCase, isAttackResult } from "./eval/attack.js";
export {
  compareRuns,
  gate,
  GateRuleError,
  IncomparableRunsError,
  mcnemarExact,
  pairedDifferenceInterval,
  parseGateRules,
  type CompareOptions,
  type GateRule,
  type GateViolation,
  type MetricComparison,
  type RunComparison,
  type Verdict,
} from "./eval/compare/index.js";
export {
  formatForPath,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderReport,
  renderTerminal,
  REPORT_FORMATS,
  writeReport,
  type AblationRow,
  type ReportFormat,
  type ReportInput,
  type SweepPoint,
} from "./eval/report/index.js";

// Wrapping models: any provider, the Vercel AI SDK, the OpenAI client
export {
  wrapProvider,
  type GuardedChatChunk,
  type GuardedChatResponse,
  type GuardedProvider,
  type GuardReport,
  type WrapOptions,
} from "./guard/wrap/index.js";
export {
  guardMiddleware,
  guardOpenAI,
  type GuardedChatCompletion,
  type GuardedChatCompletionStream,
  type GuardedOpenAI,
  type GuardMiddlewareOptions,
  type GuardOpenAIOptions,
} from "./integrations/index.js";

// Cascade to a guard model for the uncertain band
export {
  bandProbes,
  CASCADE_DEFAULTS,
  classifierBandProbe,
  scoreProbe,
  withCascade,
  type BandHit,
  type BandProbe,
  type CascadeBand,
  type CascadeDecision,
  type CascadeGuard,
  type CascadeOptions,
  type CascadeOutcome,
  type CascadeTrace,
  type JudgeCheckContext,
} from "./guard/cascade/index.js";
export {
  JudgeParseError,
  LLAMA_GUARD_3_CATEGORIES,
  llamaGuardJudge,
  llamaGuardPrompt,
  parseLlamaGuard,
  rubricJudge,
  type JudgeRequest,
  type JudgeVerdict as LlmJudgeVerdict,
  type LlamaGuardCategory,
  type LlamaGuardJudgeOptions,
  type LlmJudge,
  type RubricJudgeOptions,
  type RubricRule,
} from "./detectors/llm-judge/index.js";

// Monitoring: audit store, incidents, review queue store, metrics
export * from "./monitor/index.js";

// Server: guard API, OpenAI-compatible proxy, dashboard
export {
  closeOnSignals,
  hashKey,
  KeyRing,
  loadServerConfig,
  parseServerConfig,
  ServerConfigError,
  ServerConfigSchema,
  startServer,
  type RunningServer,
  type ServerConfig,
  type ServerConfigInput,
} from "./server/index.js";
export {
  createDashboard,
  dashboardMount,
  hashAdminPassword,
  verifyAdminPassword,
  type DashboardDeps,
} from "./server/dashboard/index.js";

// Evaluation: runner, targets, judges, run store
export {
  runEval,
  runAblations,
  EvalAbortedError,
  type EvalProgress,
  type RunEvalOptions,
} from "./eval/runner/index.js";
export {
  ablationTargets,
  guardTarget,
  httpProvider,
  providerTarget,
  stackTarget,
  type EvalTarget,
  type HttpTargetConfig,
} from "./eval/targets/index.js";
export {
  judgeCase,
  judgeHarmfulResponse,
  judgePiiLeak,
  judgeRefusal,
  judgeRubric,
  judgeToolCalls,
  type CaseJudgement,
  type JudgeOptions,
} from "./eval/judges/index.js";
export {
  cachedProvider,
  EvalStore,
  loadRunRef,
  readRunFile,
  RunFileError,
  type RunRecord,
} from "./eval/store/index.js";

// Data and post-training: curate, preference pairs, critique-and-revise
export * from "./curate/index.js";
