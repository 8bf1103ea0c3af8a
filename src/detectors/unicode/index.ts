/** The unicode detector and every regex it uses (for the ReDoS check). */
export { unicodeDetector } from "./unicode.js";
export { PATTERNS } from "./scores.js";
