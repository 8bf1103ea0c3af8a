/** The terms detector, its compiler (to validate a policy's patterns early) and every built-in regex it uses. */
export { termsDetector } from "./detector.js";
export { compileTerms, compilePattern, type CompiledTerms } from "./compile.js";
export { AhoCorasick } from "../common/aho-corasick.js";
export { PATTERNS } from "../common/char-class.js";
