/** The leakage detector. It uses no regular expressions of its own (PATTERNS is empty, for the ReDoS check). */
export { leakageDetector } from "./detector.js";
export const PATTERNS: readonly RegExp[] = [];
