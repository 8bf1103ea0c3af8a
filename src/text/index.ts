/** Text normalisation: the views and flags every detector sees. */
export { normalize, isNormalized } from "./normalize.js";
export { rawText, rawView } from "./raw.js";
export { viewLabel } from "./view-label.js";
export { PATTERNS as TEXT_PATTERNS } from "./patterns.js";
export type {
  GuardText,
  NormalizeOptions,
  Span,
  TextFlag,
  TextFlagKind,
  TextView,
  ViewKind,
} from "./types.js";
