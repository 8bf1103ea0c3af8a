/**
 * Shapes shared by the classifier training pipeline: labelled examples from named sources, and the five
 * tasks. A source is the unit of cross-source evaluation (train on all sources but one, test on it).
 */

export const TASKS = ["harm", "injection", "toxicity", "refusal", "harmful-response"] as const;
export type Task = (typeof TASKS)[number];

export interface Example {
  text: string;
  /** 1 = positive for the task (harmful request, injection, toxic, refusal, harmful response). */
  label: 0 | 1;
  /** Dataset folder or project file it came from, e.g. "advbench", "contrast:harm-benign". */
  source: string;
  /** ISO 639-1 code when known. */
  lang?: string;
  /** For harm positives: an MLCommons hazard id from policy/taxonomy.ts, when the source says. */
  category?: string;
  /** Groups near-identical items (a behaviour and its variants) so splits never separate them. */
  group?: string;
}

/** Loads one task's examples from the datasets root. Throws a clear error when a file is missing. */
export type TaskLoader = (dataDir: string) => Example[];
