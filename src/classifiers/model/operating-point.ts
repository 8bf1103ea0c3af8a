/**
 * A classifier's thresholds by false-positive rate: chosen at training time on the validation negatives
 * (the same data that chose the default operating point), stored with the weights, so a policy can ask
 * for "5% false positives" instead of guessing a score. Rates between two stored ones interpolate their
 * thresholds linearly; rates outside the stored range are refused (the validation set says nothing there).
 */

/** The validation false-positive rates a model stores thresholds for (ascending). */
export const FPR_GRID: readonly number[] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2];

export const MIN_FPR = FPR_GRID[0]!;
export const MAX_FPR = FPR_GRID[FPR_GRID.length - 1]!;

export interface FprThreshold {
  /** False-positive rate on the validation negatives. */
  fpr: number;
  /** The lowest calibrated score that keeps the validation negatives at or under that rate. */
  threshold: number;
}

/**
 * The threshold for `fpr` from a model's table (ascending by rate), interpolated between neighbours.
 * Throws with what to do when the model has no table or the rate is outside it.
 */
export function thresholdForFpr(
  table: readonly FprThreshold[] | undefined,
  fpr: number,
  task: string,
): number {
  if (!table || table.length === 0)
    throw new Error(
      `the ${task} model carries no thresholds by false-positive rate (weights from before they were stored): retrain it (npm run train) or set classifiers.${task}.threshold instead of fpr`,
    );
  const first = table[0]!;
  const last = table[table.length - 1]!;
  if (!(fpr >= first.fpr && fpr <= last.fpr))
    throw new Error(
      `classifiers.${task}.fpr must be from ${first.fpr} to ${last.fpr} (the false-positive rates the model's validation data can tell apart), got ${fpr}`,
    );
  for (let i = 1; i < table.length; i++) {
    const hi = table[i]!;
    if (fpr > hi.fpr) continue;
    const lo = table[i - 1]!;
    if (fpr === lo.fpr) return lo.threshold;
    const t = (fpr - lo.fpr) / (hi.fpr - lo.fpr);
    return lo.threshold + t * (hi.threshold - lo.threshold);
  }
  return first.threshold;
}
