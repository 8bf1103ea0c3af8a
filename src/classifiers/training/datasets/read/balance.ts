/**
 * Per-source shaping for the task loaders: de-duplicate a source on its own first (so caps count
 * distinct texts), then cap each label with a seeded sample so no source dominates a task.
 */
import type { Example } from "../../types.js";
import { finalizeExamples, type FinalizeStats } from "./examples.js";
import { capExamples } from "./caps.js";

/** Examples of one label, at most `cap` of them (seeded sample from `seed` and the label, file order kept). */
export function capLabel(examples: readonly Example[], label: 0 | 1, cap: number, seed: string): Example[] {
  return capExamples(
    examples.filter((e) => e.label === label),
    cap,
    `${seed}:${label}`,
  );
}

/** De-duplicates one source's examples, then caps each label; adds the dropped counts to `stats`. */
export function shapeSource(
  examples: readonly Example[],
  caps: { positive: number; negative: number },
  seed: string,
  stats: FinalizeStats,
): Example[] {
  const unique = finalizeExamples(examples);
  stats.duplicates += unique.stats.duplicates;
  stats.conflicts += unique.stats.conflicts;
  return [
    ...capLabel(unique.examples, 1, caps.positive, seed),
    ...capLabel(unique.examples, 0, caps.negative, seed),
  ];
}

/** Result of building one task: the examples and what de-duplication dropped. */
export interface TaskBuild {
  examples: Example[];
  stats: FinalizeStats;
}

/** Final task-level pass: de-duplicate across sources (dropping texts seen with both labels). */
export function finishTask(examples: readonly Example[], stats: FinalizeStats): TaskBuild {
  const done = finalizeExamples(examples);
  return {
    examples: done.examples,
    stats: {
      duplicates: stats.duplicates + done.stats.duplicates,
      conflicts: stats.conflicts + done.stats.conflicts,
    },
  };
}
