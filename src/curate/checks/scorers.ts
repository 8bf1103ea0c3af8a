/**
 * Calibrated scores from the trained classifiers, read through their detectors (threshold 0, so every
 * call reports its score): the same models, views and category heads the guard uses. The features of
 * a normalised text are computed once and shared by every classifier that scores it.
 */
import { classifierDetector } from "../../classifiers/detectors.js";
import { getClassifier } from "../../classifiers/model/load.js";
import type { Detector, DetectorContext } from "../../detectors/types.js";
import type { DetectorSettings } from "../../policy/detector-settings.js";
import type { Stage } from "../../policy/stages.js";
import type { GuardText } from "../../text/types.js";

export const SCORE_TASKS = ["harm", "harmful-response", "refusal", "toxicity", "injection"] as const;
export type ScoreTask = (typeof SCORE_TASKS)[number];

export interface TaskScore {
  score: number;
  /** The category the detector reports (a hazard category for harm and harmful-response). */
  category: string;
}

export class ClassifierScores {
  private readonly detectors = new Map<ScoreTask, Detector>();
  private readonly contexts = new Map<Stage, DetectorContext>();

  constructor(private readonly settings: DetectorSettings) {}

  private detector(task: ScoreTask): Detector {
    let d = this.detectors.get(task);
    if (!d) {
      d = classifierDetector(task, { threshold: 0, stages: [] });
      this.detectors.set(task, d);
    }
    return d;
  }

  private context(stage: Stage): DetectorContext {
    let c = this.contexts.get(stage);
    if (!c) {
      c = { stage, settings: this.settings };
      this.contexts.set(stage, c);
    }
    return c;
  }

  /** The task's calibrated score for a text (0 for an empty text). */
  score(task: ScoreTask, text: GuardText, stage: Stage): TaskScore {
    if (text.raw.trim() === "") return { score: 0, category: "" };
    const found = this.detector(task).detect(text, this.context(stage));
    if (found instanceof Promise) throw new Error(`${task} classifier is not synchronous`);
    const f = found[0];
    return f ? { score: f.score, category: f.category } : { score: 0, category: "" };
  }

  /** The model's operating threshold (1% FPR on its validation negatives, see its model card). */
  static operatingThreshold(task: ScoreTask): number {
    return getClassifier(task).model.operatingPoint.threshold;
  }
}
