/**
 * Turns labelled responses into examples of one response task, keeping only responses whose label for
 * that task is known (see response-sources.ts for how each source's labels were decided).
 */
import type { Example } from "../../types.js";
import type { LabelledResponse } from "./response-sources.js";

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
