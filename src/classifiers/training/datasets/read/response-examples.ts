/**
 * Turns labelled responses into examples of one response task, keeping only responses whose label for
 * that task is known (see response-sources.ts for how each source's labels were decided).
 */
import type { Example } from "../../types.js";
import { finishTask, shapeSource, type TaskBuild } from "./balance.js";
import { readHhHelpfulAnswers } from "./benign-text.js";
import { contrastExamples } from "./contrast.js";
import type { FinalizeStats } from "./examples.js";
import {
  readDoNotAnswerResponses,
  readGptfuzzResponses,
  readJailbreakbenchResponses,
  type LabelledResponse,
} from "./response-sources.js";

/** Examples for `task`: label = that task's label; responses whose label is null are left out. */
export function responseExamples(
  responses: readonly LabelledResponse[],
  task: "refusal" | "harmful",
): Example[] {
  const out: Example[] = [];
  for (const r of responses) {
    const label = r[task];
    if (label === null) continue;
    const example: Example = { text: r.text, label, source: r.source, group: r.group };
    if (r.lang !== undefined) example.lang = r.lang;
    out.push(example);
  }
  return out;
}

/** Splits responses by source, in first-seen order (e.g. one list per JailbreakBench method). */
export function bySource(examples: readonly Example[]): Example[][] {
  const groups = new Map<string, Example[]>();
  for (const e of examples) {
    const list = groups.get(e.source) ?? [];
    list.push(e);
    groups.set(e.source, list);
  }
  return [...groups.values()];
}

/**
 * Builds a response task (refusal or harmful-response) from every labelled response set plus ordinary
 * helpful answers as negatives, capping each source per label, and reports what de-duplication dropped.
 */
export function buildResponseTask(
  dataDir: string,
  task: "refusal" | "harmful",
  cap: number,
  prefix: string,
): TaskBuild {
  const stats: FinalizeStats = { duplicates: 0, conflicts: 0 };
  const caps = { positive: cap, negative: cap };
  const responses = [
    ...readDoNotAnswerResponses(dataDir),
    ...readGptfuzzResponses(dataDir),
    ...readJailbreakbenchResponses(dataDir),
  ];
  const examples: Example[] = [];
  for (const source of bySource(responseExamples(responses, task))) {
    examples.push(...shapeSource(source, caps, `${prefix}:${source[0]?.source ?? ""}`, stats));
  }
  examples.push(...shapeSource(readHhHelpfulAnswers(dataDir), caps, `${prefix}:hh-helpful`, stats));
  if (task === "refusal") {
    // The project's refusals and look-alike compliant answers (training/data/contrast/refusal-*.jsonl).
    for (const [file, label] of [
      ["refusal-refusals", 1],
      ["refusal-lookalikes", 0],
    ] as const) {
      const items = contrastExamples(file, label, "contrast-refusal");
      examples.push(...shapeSource(items, caps, `${prefix}:contrast:${file}`, stats));
    }
  }
  return finishTask(examples, stats);
}
