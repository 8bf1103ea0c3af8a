/** The policy room's public API: schema and types, loading, rule resolution, explanation. */
export * from "./schema.js";
export * from "./stages.js";
export * from "./taxonomy.js";
export * from "./detector-settings.js";
export { BUILTIN_POLICY_NAMES, isBuiltinPolicyName, type BuiltinPolicyName } from "./builtin-policies.js";
export {
  loadBuiltinPolicy,
  loadPolicyFile,
  loadPolicyText,
  resolvePolicy,
  type LoadedPolicy,
  type LoadOptions,
  type ResolveOptions,
  type TextLoadOptions,
} from "./load.js";
export { formatPath, formatProblem, PolicyError, type PathSegment, type PolicyProblem } from "./problems.js";
export { categoriesOf, resolveRule, ruleTable, type PolicyCategory } from "./rules.js";
export { explainPolicy, ruleTableText } from "./explain.js";
export { canonicalJson, policyVersion } from "./version.js";
export { re2Error } from "./semantics.js";

import { PATTERNS as PROBLEM_PATTERNS } from "./problems.js";
import { PATTERNS as SEMANTIC_PATTERNS } from "./semantics.js";
import { PATTERNS as YAML_PATTERNS } from "./yaml-source.js";

/** Every regular expression the policy room uses, for the ReDoS check. */
export const POLICY_PATTERNS: readonly RegExp[] = [
  ...PROBLEM_PATTERNS,
  ...SEMANTIC_PATTERNS,
  ...YAML_PATTERNS,
];
