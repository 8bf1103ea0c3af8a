/** The cascade: a slower judge (guard model) asked only for the fast detectors' uncertain band. */
export { withCascade, CASCADE_DEFAULTS } from "./with-cascade.js";
export {
  bandProbes,
  classifierBandProbe,
  isBandProbe,
  probeName,
  PROBED_TASKS,
  scoreProbe,
  type BandProbe,
  type BandProbeOptions,
  type ScoreProbeOptions,
} from "./band-probes.js";
export { bandHits, type BandLimits } from "./band.js";
export { mergeJudgeFindings, type Merged } from "./merge.js";
export type {
  BandHit,
  CascadeBand,
  CascadeDecision,
  CascadeGuard,
  CascadeOptions,
  CascadeOutcome,
  CascadeTrace,
  JudgeCheckContext,
} from "./types.js";
