/** The retrieval rail: checking retrieved documents, the source allow-list, and spotlighting untrusted text. */
export {
  allowListFor,
  checkRetrieved,
  type DocStatus,
  type DocVerdict,
  type RetrievalCheck,
  type RetrievalOptions,
  type RetrievedDoc,
} from "./check-retrieved.js";
export { globMatch, MAX_SOURCE_LENGTH, SourceAllowList } from "./source-match.js";
export {
  DATAMARK,
  datamark,
  REMOVED,
  spotlight,
  type SpotlightDoc,
  type SpotlightOptions,
  type SpotlightResult,
} from "./spotlight.js";
export { removeSpans, type Removal } from "./remove-spans.js";
