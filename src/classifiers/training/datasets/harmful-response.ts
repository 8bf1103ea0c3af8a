/**
 * The `harmful-response` task: does a model response give harmful assistance (1) or not (0)? Labels
 * are the sources' own (human labels for Do-Not-Answer and GPTFuzz, the JailbreakBench judge's verdict);
 * response-sources.ts records how reliable each looked on sampled texts. Refusals are negatives within
 * those sources; ordinary helpful assistant answers are added as negatives.
 */
import type { Example, TaskLoader } from "../types.js";
import { finishTask, shapeSource, type TaskBuild } from "./read/balance.js";
import { readHhHelpfulAnswers } from "./read/benign-text.js";
import type { FinalizeStats } from "./read/examples.js";
import { bySource, responseExamples } from "./read/response-examples.js";
import {
  readDoNotAnswerResponses,
  readGptfuzzResponses,
  readJailbreakbenchResponses,
} from "./read/response-sources.js";
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

const CAP = { positive: HARMFUL_RESPONSE_SOURCE_CAP, negative: HARMFUL_RESPONSE_SOURCE_CAP };

/** Builds the task and reports what de-duplication dropped. */
export function buildHarmfulResponse(dataDir: string): TaskBuild {
  const stats: FinalizeStats = { duplicates: 0, conflicts: 0 };
  const responses = [
    ...readDoNotAnswerResponses(dataDir),
    ...readGptfuzzResponses(dataDir),
    ...readJailbreakbenchResponses(dataDir),
  ];
  const examples: Example[] = [];
  for (const source of bySource(responseExamples(responses, "harmful"))) {
    examples.push(...shapeSource(source, CAP, `harmful-response:${source[0]?.source ?? ""}`, stats));
  }
  examples.push(...shapeSource(readHhHelpfulAnswers(dataDir), CAP, "harmful-response:hh-helpful", stats));
  return finishTask(examples, stats);
}

export const loadHarmfulResponse: TaskLoader = (dataDir) => buildHarmfulResponse(dataDir).examples;
