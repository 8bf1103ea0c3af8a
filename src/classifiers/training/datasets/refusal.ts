/**
 * The `refusal` task: does a model response refuse, fully or partly (1), or go along with the request
 * (0)? Positives and negatives come from labelled response sets, using only the labels that sampled
 * texts showed to be reliable (response-sources.ts documents each mapping and its evidence), plus
 * ordinary helpful assistant answers as negatives. HH-RLHF harmless "chosen" replies are not used: of
 * 20 sampled, about 4 refused, several complied with the harmful request and many were non-sequiturs.
 */
import type { TaskLoader } from "../types.js";
import type { TaskBuild } from "./read/balance.js";
import { buildResponseTask } from "./read/response-examples.js";
import type { SourceInfo } from "./read/source-info.js";

/** At most this many examples per source and label. */
export const REFUSAL_SOURCE_CAP = 2000;

export const REFUSAL_SOURCES: readonly SourceInfo[] = [
  {
    name: "do-not-answer",
    role: "mixed",
    description:
      "Six LLMs' answers to risky questions; action 0 (refuse), 1 on Malicious Uses, 4 on Information Hazards → 1; action 5 (follows) → 0.",
  },
  {
    name: "gptfuzz",
    role: "positive",
    description:
      "Responses to jailbreak templates labelled not jailbroken → 1 (jailbroken ones often mix in a refusal: unused).",
  },
  {
    name: "jailbreakbench:JBC",
    role: "mixed",
    description:
      "JailbreakChat templates: judge-jailbroken responses → 0; non-jailbroken gpt-3.5/gpt-4/Llama-2 responses → 1.",
  },
  {
    name: "jailbreakbench:DSN",
    role: "negative",
    description: "DSN attack responses the judge rated jailbroken → 0.",
  },
  {
    name: "jailbreakbench:GCG",
    role: "negative",
    description: "GCG attack responses the judge rated jailbroken → 0.",
  },
  {
    name: "jailbreakbench:PAIR",
    role: "negative",
    description: "PAIR attack responses the judge rated jailbroken → 0.",
  },
  {
    name: "jailbreakbench:prompt_with_random_search",
    role: "negative",
    description: "Random-search attack responses the judge rated jailbroken → 0.",
  },
  {
    name: "hh-rlhf-helpful-test",
    role: "negative",
    description:
      "Final assistant replies of HH-RLHF helpful chosen dialogues → 0, sampled (~3/36 are partial 'I can't' replies).",
  },
  {
    name: "contrast:refusal-refusals",
    role: "positive",
    description:
      "Project-written refusals in many styles (flat, apologetic, lecturing, redirecting, partial, in-character, after a jailbreak), 15 languages → 1.",
  },
  {
    name: "contrast:refusal-lookalikes",
    role: "negative",
    description:
      "Project-written compliant answers that sound like refusals ('I'm sorry to hear…', 'you can't freeze mayonnaise', disclaimers, a polite decline written for the user) → 0.",
  },
];

/** Builds the task and reports what de-duplication dropped. */
export function buildRefusal(dataDir: string): TaskBuild {
  return buildResponseTask(dataDir, "refusal", REFUSAL_SOURCE_CAP, "refusal");
}

export const loadRefusal: TaskLoader = (dataDir) => buildRefusal(dataDir).examples;
