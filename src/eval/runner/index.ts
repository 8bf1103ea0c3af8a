/** The evaluation runner: plan, run with bounded concurrency, judge, store, resume. */
export {
  runEval,
  EvalAbortedError,
  DEFAULT_CONCURRENCY,
  type EvalProgress,
  type RunEvalOptions,
} from "./run-eval.js";
export { planRun, plannedSuites, type PlannedCase, type PlanOptions } from "./plan.js";
export { runCase, errorResult, oneLine } from "./case-result.js";
export { runAblations, type AblationRun, type AblationOptions } from "./ablations.js";
export { runPool } from "./pool.js";
export {
  buildEvalSetup,
  absolutizeSpec,
  checkStrategies,
  EvalSetupError,
  type EvalSetup,
  type SetupOptions,
} from "./setup.js";
export { EvalSpecSchema, TARGET_KINDS, type EvalSpec, type EvalSpecInput, type TargetKind } from "./spec.js";
export { writeReports, writeRunFile, type ReportTargets } from "./reports.js";
