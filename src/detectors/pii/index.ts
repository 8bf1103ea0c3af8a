/** The PII detector and its parts. */
export { piiDetector, detectPii, labelSelected } from "./detector.js";
export { ALL_RECOGNIZERS, PATTERNS } from "./recognizers/index.js";
export type { PiiMatch, Recognizer, ScanInput } from "./types.js";
