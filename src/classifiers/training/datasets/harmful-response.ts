/**
 * The `harmful-response` task: does a model response give harmful assistance (1) or not (0)? Labels
 * are the sources' own (human labels for Do-Not-Answer and GPTFuzz, the JailbreakBench judge's verdict);
 * response-sources.ts records how reliable each looked on sampled texts. Refusals are negatives within
 * those sources; ordinary helpful assistant answers are added as negatives.
 */
import type { TaskLoader } from "../types.js";
import type { TaskBuild } from "./read/balance.js";
import { buildResponseTask } from "./read/response-examples.js";
import type { SourceInfo } from "./read/source-info.js";

/** At most this many examples per source and label. */
export const HARMFUL_RESPONSE_SOURCE_CAP = 2000;

const jbb = (method: string, what: string): SourceInfo => ({
  name: `jailbreakbench:${method}`,
  role: "mixed",
  description: `${what} responses to JBB behaviours: judge jailbroken → 1, else 0.`,
});

export const HARMFUL_RESPONSE_SOURCES: readonly SourceInfo[] = [
  {
    name: "do-not-answer",
    role: "mixed",
    description:
      "Six LLMs' answers to risky questions by the human <model>_harmful label (broad: includes privacy leaks).",
  },
  {
    name: "gptfuzz",
    role: "mixed",
    description: "Responses to jailbreak templates, hand-labelled jailbroken → 1, else 0.",
  },
  jbb("DSN", "DSN attack"),
  jbb("GCG", "GCG attack"),
  jbb("JBC", "JailbreakChat template"),
  jbb("PAIR", "PAIR attack"),
  jbb("prompt_with_random_search", "Random-search attack"),
  {
    name: "hh-rlhf-helpful-test",
    role: "negative",
    description: "Final assistant replies of HH-RLHF helpful chosen dialogues → 0, sampled.",
  },
];

/** Builds the task and reports what de-duplication dropped. */
export function buildHarmfulResponse(dataDir: string): TaskBuild {
  return buildResponseTask(dataDir, "harmful", HARMFUL_RESPONSE_SOURCE_CAP, "harmful-response");
}

export const loadHarmfulResponse: TaskLoader = (dataDir) => buildHarmfulResponse(dataDir).examples;
