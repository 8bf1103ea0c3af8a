/** The groundedness rail: are an answer's claims supported by the context it was given? */
export {
  checkGroundedness,
  GROUNDEDNESS_DEFAULTS,
  type Claim,
  type ClaimKind,
  type GroundednessOptions,
  type GroundednessResult,
} from "./check.js";
export { groundednessDetector, GROUNDEDNESS_CATEGORY } from "./detector.js";
