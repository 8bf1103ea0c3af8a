/**
 * The `harm` task: is this a request for (or text advancing) one of the MLCommons hazards? Positives are
 * public harmful-request sets and the project's harmful contrast items; negatives are ordinary requests,
 * questions and over-refusal sets, plus the project's benign look-alikes. Category and language mappings
 * live with each reader (read/harm-sources.ts); caps keep any one benign source from dominating.
 */
import type { Example, TaskLoader } from "../types.js";
import { assembleTask, describeSources, type SourceSpec, type TaskBuild } from "./read/assemble.js";
import {
  readAwesomeChatgptPrompts,
  readAwesomeChatgptPromptsZh,
  readBanking77,
  readBenignInstructions,
  readClinc150,
  readCyberFrr,
  readGsm8k,
  readMmlu,
  readSgd,
  readTruthfulqa,
  readWebquestions,
} from "./read/benign-requests.js";
import { readXquadQuestions } from "./read/benign-documents.js";
import { readHhHelpfulFirstTurns, readNqOpenQuestions } from "./read/benign-text.js";
import { contrastExamples, labelledContrastExamples } from "./read/contrast.js";
import {
  readAdvbench,
  readDoNotAnswer,
  readHarmbench,
  readHhHarmless,
  readStrongreject,
  readXsafety,
} from "./read/harm-sources.js";
import type { SourceInfo } from "./read/source-info.js";

/** Most examples kept from one large benign source. */
export const HARM_NEGATIVE_CAP = 1500;

/** Harmful items share their benign pair's topic, so a pair never straddles a split. */
function readHarmContrast(
  file: "harm-harmful" | "harm-benign" | "harm-lookalikes" | "harm-multilingual",
): Example[] {
  return contrastExamples(
    file,
    file === "harm-harmful" || file === "harm-multilingual" ? 1 : 0,
    "contrast-harm",
  );
}

const CAP = HARM_NEGATIVE_CAP;

const SPECS: readonly SourceSpec[] = [
  {
    name: "advbench",
    role: "positive",
    description: "AdvBench harmful behaviours (goal column), English, no categories.",
    read: readAdvbench,
  },
  {
    name: "harmbench",
    role: "positive",
    description:
      "HarmBench text behaviours (contextual ones with their context), semantic category mapped where unambiguous.",
    read: readHarmbench,
  },
  {
    name: "strongreject",
    role: "positive",
    description: "StrongREJECT forbidden prompts, category mapped where unambiguous.",
    read: readStrongreject,
  },
  {
    name: "do-not-answer",
    role: "positive",
    description: "Do-Not-Answer questions of the harm types that are harmful requests (7 of 12 types).",
    read: readDoNotAnswer,
  },
  {
    name: "xsafety",
    role: "positive",
    description:
      "XSafety crime, unsafe-instruction and discrimination items in 9 languages (noisy: some items are benign).",
    read: readXsafety,
  },
  {
    name: "anthropic-hh-harmless-test",
    role: "positive",
    description: "First human turns of HH red-team dialogues whose first assistant reply refuses or objects.",
    read: readHhHarmless,
  },
  {
    name: "contrast:harm-harmful",
    role: "positive",
    description:
      "Project-written harmful requests mirroring benign look-alikes, 14 languages, with hazard ids.",
    read: () => readHarmContrast("harm-harmful"),
  },
  {
    name: "contrast:harm-written",
    role: "mixed",
    description:
      "Project-written pairs, each text written on its own, three quarters English and the rest in 16 other languages: a harmful request in a user's voice (all 14 hazards; direct, blunt, behind a pretext, a story or a euphemism) beside a safe request sharing its words, subject or shape (homonyms, figures of speech, safe targets and contexts, prevention, help-seeking, lawful versions), with hazard ids.",
    read: () => labelledContrastExamples("harm-written", "contrast-written"),
  },
  {
    name: "contrast:harm-third-wave",
    role: "mixed",
    description:
      'A third wave of written pairs by other writers, on less common ideas: English (no alarming words on the harmful side, the scariest words on the safe side, the less violent hazards, requests inside lists, templates, code and translations) and 9 other languages (zh, ko, vi, th, bn, jv, ar, sw, it). Never trained on (see "Never trained on").',
    read: () => labelledContrastExamples("harm-third-wave", "contrast-third-wave"),
  },
  {
    name: "contrast:harm-multilingual",
    role: "positive",
    description:
      'Project-written harmful requests written natively in 15 languages other than English, 12 hazards. Never trained on: scored by the shipped model only (see "Never trained on").',
    read: () => readHarmContrast("harm-multilingual"),
  },
  {
    name: "contrast:harm-pairs",
    role: "mixed",
    description:
      'Project-written English contrast pairs: a safe request that only looks dangerous beside an unsafe one on the same subject (homonyms, figures of speech, safe targets and contexts, definitions, history, public figures, health). Never trained on (see "Never trained on").',
    read: () => labelledContrastExamples("harm-pairs", "contrast-pairs"),
  },
  {
    name: "contrast:harm-native-pairs",
    role: "mixed",
    description:
      'Project-written pairs in 8 languages other than English (es, pt, ar, ru, ja, th, sw, de): a harmful request in a user\'s own voice and a benign one on the same subject with the same words, on ideas the native training pairs do not use. Never trained on (see "Never trained on").',
    read: () => labelledContrastExamples("harm-native-pairs", "contrast-native-pairs"),
  },
  {
    name: "contrast:harm-benign",
    role: "negative",
    description:
      "Project-written benign requests that use dangerous words (homonyms, fiction, history, safety).",
    read: () => readHarmContrast("harm-benign"),
  },
  {
    name: "contrast:harm-lookalikes",
    role: "negative",
    description:
      "A second project-written set of benign requests with dangerous words, written later and kept apart so that each set can be held out against the other.",
    read: () => readHarmContrast("harm-lookalikes"),
  },
  {
    name: "contrast:requests-multilingual",
    role: "negative",
    description:
      "Project-written ordinary requests in 15 languages other than English (a quarter with alarming words in a benign sense): the benign side of the multilingual harmful sources.",
    read: () => contrastExamples("requests-multilingual", 0, "contrast-requests"),
  },
  {
    name: "contrast:requests-contact",
    role: "negative",
    description:
      "Project-written requests to contact, find or locate someone or something legitimately (the assistant itself, companies and offices, public figures' official channels, one's own devices and parcels, consenting people), 60% English and 12 other languages: the benign side of stalking and doxxing requests.",
    read: () => contrastExamples("requests-contact", 0, "contrast-contact"),
  },
  {
    name: "contrast:requests-contact-harmful",
    role: "positive",
    description:
      "Project-written stalking, doxxing, covert-tracking and pretexting requests, each mirroring one of the contact requests (same subject and words; a pair shares a split), with hazard ids.",
    // The benign item's group: a pair falls in one split part.
    read: () => contrastExamples("requests-contact-harmful", 1, "contrast-contact"),
  },
  {
    name: "contrast:requests-harmful-blunt",
    role: "positive",
    description:
      'Project-written short, blunt harmful questions and commands in a user\'s own voice ("how do i ...", keyword queries, one-clause stories), all 14 hazards, half English and 15 other languages.',
    read: () => contrastExamples("requests-harmful-blunt", 1, "contrast-blunt"),
  },
  {
    name: "contrast:requests-blunt-lookalikes",
    role: "negative",
    description:
      "Project-written benign requests in the same blunt form (homonyms, safe targets, dangerous-sounding DIY, safety questions, games and fiction, slang), half English and 15 other languages: the benign side of the blunt harmful requests.",
    read: () => contrastExamples("requests-blunt-lookalikes", 0, "contrast-blunt-benign"),
  },
  {
    name: "contrast:requests-native-harmful",
    role: "positive",
    description:
      "Project-written harmful requests in a user's own voice, written natively in 16 languages other than English (local names, places, apps and prejudices), all 14 hazards, each mirroring one of the native mirrors (a pair shares a split).",
    read: () => contrastExamples("requests-native-harmful", 1, "contrast-native"),
  },
  {
    name: "contrast:requests-native-mirrors",
    role: "negative",
    description:
      "Project-written benign requests on the same subjects and with the same words as the native harmful requests (help-seeking, safety, news, fiction, homonyms, lawful use), in the same 16 languages.",
    read: () => contrastExamples("requests-native-mirrors", 0, "contrast-native"),
  },
  {
    name: "benign-instructions",
    role: "negative",
    description: "Self-instruct, MT-Bench and Vicuna instructions (all).",
    read: readBenignInstructions,
  },
  {
    name: "truthfulqa",
    role: "negative",
    description: "TruthfulQA questions (misconception-baiting but benign).",
    read: readTruthfulqa,
  },
  {
    name: "cyberseceval",
    role: "negative",
    description: "CyberSecEval MITRE false-refusal prompts: benign security tasks that sound offensive.",
    read: readCyberFrr,
  },
  {
    name: "nq-open",
    role: "negative",
    description: "Natural Questions search queries (sample).",
    read: (d) => readNqOpenQuestions(d),
    cap: CAP,
  },
  {
    name: "webquestions",
    role: "negative",
    description: "WebQuestions factual questions (sample).",
    read: readWebquestions,
    cap: CAP,
  },
  {
    name: "clinc150",
    role: "negative",
    description: "CLINC150 assistant commands incl. out-of-scope (sample).",
    read: readClinc150,
    cap: CAP,
  },
  {
    name: "banking77",
    role: "negative",
    description: "Banking77 customer queries, fraud-adjacent vocabulary (sample).",
    read: readBanking77,
    cap: CAP,
  },
  {
    name: "schema-guided-dialogue",
    role: "negative",
    description: "SGD first user turns: bookings and orders (sample).",
    read: readSgd,
    cap: CAP,
  },
  {
    name: "hh-rlhf-helpful-test",
    role: "negative",
    description: "HH-RLHF helpful first human turns (sample; a few dozen borderline items kept).",
    read: (d) => readHhHelpfulFirstTurns(d),
    cap: CAP,
  },
  {
    name: "mmlu",
    role: "negative",
    description: "MMLU test questions, some on sensitive subjects (sample).",
    read: readMmlu,
    cap: CAP,
  },
  {
    name: "gsm8k",
    role: "negative",
    description: "GSM8K maths word problems (sample).",
    read: readGsm8k,
    cap: CAP,
  },
  {
    name: "awesome-chatgpt-prompts",
    role: "negative",
    description: "Role-play prompts, minus the 8 rows in review_flags.csv (sample).",
    read: readAwesomeChatgptPrompts,
    cap: CAP,
  },
  {
    name: "xquad",
    role: "negative",
    description: "XQuAD questions in 12 languages (sample, split evenly by language).",
    read: readXquadQuestions,
    cap: CAP,
    capPerLang: true,
  },
  {
    name: "awesome-chatgpt-prompts-zh",
    role: "negative",
    description: "Chinese role-play prompts (all).",
    read: readAwesomeChatgptPromptsZh,
    cap: CAP,
  },
];

/** The sources of the harm task, for model cards and cross-source evaluation. */
export const HARM_SOURCES: readonly SourceInfo[] = describeSources(SPECS);

/** Harm examples plus de-duplication counts. */
export function buildHarm(dataDir: string): TaskBuild {
  return assembleTask("harm", SPECS, dataDir);
}

export const loadHarm: TaskLoader = (dataDir) => buildHarm(dataDir).examples;
