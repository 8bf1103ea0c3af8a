/**
 * A judge backed by one of the trained response classifiers (refusal, harmful-response), used directly:
 * the classifier's detector with threshold 0 always reports its calibrated score, and the judge compares
 * that score with the model's own operating threshold (chosen at 1% FPR on validation negatives, see
 * src/classifiers/cards/<task>.md) unless the caller sets another. No guard policy is involved: a judge
 * measures the guard, it does not share its decisions.
 */
import { classifierDetector } from "../../classifiers/detectors.js";
import { getClassifier } from "../../classifiers/model/load.js";
import type { Detector, DetectorContext } from "../../detectors/types.js";
import { defaultDetectorSettings } from "../../policy/detector-settings.js";
import { normalize } from "../../text/normalize.js";

export type ResponseTask = "refusal" | "harmful-response";

export interface ClassifierScore {
  score: number;
  threshold: number;
  /** score >= threshold. */
  positive: boolean;
}

const detectors = new Map<ResponseTask, Detector>();
let context: DetectorContext | undefined;

function detectorFor(task: ResponseTask): Detector {
  let d = detectors.get(task);
  if (!d) {
    d = classifierDetector(task, { threshold: 0, stages: ["output"] });
    detectors.set(task, d);
  }
  return d;
}

/** The model's operating threshold (from its weights file). */
export function operatingThreshold(task: ResponseTask): number {
  return getClassifier(task).model.operatingPoint.threshold;
}

/** Calibrated score of `text` under the task's classifier (0 for empty text). */
export function classifierScore(task: ResponseTask, text: string, threshold?: number): ClassifierScore {
  const t = threshold ?? operatingThreshold(task);
  if (text.trim() === "") return { score: 0, threshold: t, positive: false };
  context ??= { stage: "output", settings: defaultDetectorSettings() };
  const findings = detectorFor(task).detect(normalize(text), context);
  if (findings instanceof Promise) throw new Error(`the ${task} classifier detector must be synchronous`);
  const score = findings[0]?.score ?? 0;
  return { score, threshold: t, positive: score >= t };
}
