/**
 * Builds a task's example list from source specs: read each source, cap it, concatenate in spec order,
 * then de-duplicate and drop texts that carry both labels (see examples.ts).
 */
import type { Example } from "../../types.js";
import { capExamples, capPerLang } from "./caps.js";
import { finalizeExamples, type FinalizeStats } from "./examples.js";
import type { SourceInfo } from "./source-info.js";

export interface SourceSpec extends SourceInfo {
  read: (dataDir: string) => Example[];
  /** Maximum examples kept from this source (seeded sample); none means all. */
  cap?: number;
  /** Split the cap evenly across languages (multilingual sources). */
  capPerLang?: boolean;
}

export interface TaskBuild {
  examples: Example[];
  stats: FinalizeStats;
}

/** Reads, caps and merges the sources of one task. `task` seeds the sampling. */
export function assembleTask(task: string, specs: readonly SourceSpec[], dataDir: string): TaskBuild {
  const all: Example[] = [];
  for (const spec of specs) {
    const raw = spec.read(dataDir);
    if (raw.length === 0)
      throw new Error(`Source "${spec.name}" of task ${task} produced no examples under ${dataDir}`);
    const seed = `${task}:${spec.name}`;
    const kept =
      spec.cap === undefined
        ? raw
        : spec.capPerLang === true
          ? capPerLang(raw, spec.cap, seed)
          : capExamples(raw, spec.cap, seed);
    for (const e of kept) all.push(e);
  }
  return finalizeExamples(all);
}

/** The public description of a spec list (drops the reader and cap). */
export function describeSources(specs: readonly SourceSpec[]): SourceInfo[] {
  return specs.map(({ name, role, description }) => ({ name, role, description }));
}
