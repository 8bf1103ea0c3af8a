/** The curate thresholds with every classifier threshold resolved (unset → the model's operating point). */
import { ClassifierScores, type ScoreTask } from "./checks/scorers.js";
import type { CurateSettingsT } from "./config.js";

export interface ResolvedThresholds {
  harm: number;
  harmfulResponse: number;
  harmfulResponseAfterHarm: number;
  refusal: number;
  toxicity: number;
  injection: number;
  pii: number;
  secrets: number;
}

/**
 * Resolves the thresholds. `needed` lists the classifiers the run uses; the others are not loaded and
 * their thresholds stay NaN (no check compares against them).
 */
export function resolveThresholds(
  t: CurateSettingsT["thresholds"],
  needed: ReadonlySet<ScoreTask>,
): ResolvedThresholds {
  const pick = (value: number | undefined, task: ScoreTask): number =>
    value ?? (needed.has(task) ? ClassifierScores.operatingThreshold(task) : Number.NaN);
  return {
    harm: pick(t.harm, "harm"),
    harmfulResponse: pick(t.harmfulResponse, "harmful-response"),
    harmfulResponseAfterHarm: t.harmfulResponseAfterHarm,
    refusal: pick(t.refusal, "refusal"),
    toxicity: pick(t.toxicity, "toxicity"),
    injection: pick(t.injection, "injection"),
    pii: t.pii,
    secrets: t.secrets,
  };
}
