/** The threshold sweep of the guard's learned classifiers: recorded per case during a run, computed after it. */
export { OPERATING_SCALE, outcomeAt, SWEEP_SCALES, thresholdSweep } from "./compute.js";
export { checkScores, hasSweptClassifier, isSweptDetector } from "./check-scores.js";
export {
  SWEEP_PARAMETER,
  type BranchOutcome,
  type GuardScores,
  type LayerScores,
  type RunSweep,
  type StackSweep,
  type SweepPoint,
} from "./types.js";
