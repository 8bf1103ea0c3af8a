/** Every task's dataset loader and source list, by task name. */
import type { Task, TaskLoader } from "../types.js";
import { HARM_SOURCES, loadHarm } from "./harm.js";
import { HARMFUL_RESPONSE_SOURCES, loadHarmfulResponse } from "./harmful-response.js";
import { INJECTION_SOURCES, loadInjection } from "./injection.js";
import type { SourceInfo } from "./read/source-info.js";
import { loadRefusal, REFUSAL_SOURCES } from "./refusal.js";
import { loadToxicity, TOXICITY_SOURCES } from "./toxicity.js";

export type { SourceInfo } from "./read/source-info.js";
export { summarize, summaryTable } from "./summary.js";

export const TASK_LOADERS: Record<Task, TaskLoader> = {
  harm: loadHarm,
  injection: loadInjection,
  toxicity: loadToxicity,
  refusal: loadRefusal,
  "harmful-response": loadHarmfulResponse,
};

export const TASK_SOURCES: Record<Task, readonly SourceInfo[]> = {
  harm: HARM_SOURCES,
  injection: INJECTION_SOURCES,
  toxicity: TOXICITY_SOURCES,
  refusal: REFUSAL_SOURCES,
  "harmful-response": HARMFUL_RESPONSE_SOURCES,
};
