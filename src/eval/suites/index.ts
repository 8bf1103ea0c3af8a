/** Eval suites: the file format (YAML or JSONL), validation with placed errors, ids, and the built-in suites. */
export { loadSuiteFile, detectSuiteFormat } from "./load.js";
export { parseSuite } from "./parse.js";
export { suiteId, canonicalJson } from "./suite-id.js";
export { builtinSuites, builtinSuite, builtinSuitePath, BUILTIN_SUITE_NAMES } from "./builtin.js";
export { SuiteError, formatSuiteProblem } from "./errors.js";
export type { SuiteProblem } from "./errors.js";
export { casePairs } from "./pairs.js";
export type { CasePair } from "./pairs.js";
