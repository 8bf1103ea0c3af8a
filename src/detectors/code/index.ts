/** The code detector and every regex it uses (for the ReDoS check). */
export { codeDetector, findCode, PATTERNS, RULES } from "./detector.js";
export type { CodeHit, CodeRule, Severity } from "./rule-types.js";
