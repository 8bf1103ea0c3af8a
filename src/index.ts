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
