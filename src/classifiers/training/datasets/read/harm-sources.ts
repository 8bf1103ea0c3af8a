/**
 * Readers for the public harmful-request sources (label 1 for the `harm` task), with the mapping from each
 * source's own categories to the MLCommons hazard ids of policy/taxonomy.ts. A source category that spans
 * several hazards maps to no category (undefined) rather than to a wrong one; the example is still a
 * positive. Rows a source itself marks as not a harmful request are left out, with the reason below.
 */
import { join } from "node:path";
import type { Example } from "../../types.js";
import { readCsvRecords, readCsvRows } from "./csv.js";
import { compact, makeExample } from "./examples.js";
import { listDir } from "./files.js";
import { readJsonl, str } from "./json.js";

/** HarmBench SemanticCategory → hazard id. Mixed categories map to undefined (see the notes). */
export const HARMBENCH_CATEGORY: Readonly<Record<string, string | undefined>> = {
  // Chemical and biological weapons and their precursors; a few items are drug syntheses (S2 would fit
  // those), but the category is about mass-casualty agents.
  chemical_biological: "indiscriminate-weapons",
  // Hacking, malware, intrusion: the taxonomy puts hacking under non-violent crimes.
  cybercrime_intrusion: "non-violent-crimes",
  // Song lyrics and book passages: reproduction of protected works.
  copyright: "intellectual-property",
  // Mixes violent items (hitman, pipe bomb, killing a child) with fraud, theft and smuggling.
  illegal: undefined,
  // About half target protected characteristics (hate), half are bullying, stalking or gaslighting.
  harassment_bullying: undefined,
  // Mixes defamation of named politicians, election-fraud claims and historical or health propaganda.
  misinformation_disinformation: undefined,
  // Graphic violence, self-harm promotion, porn, dangerous "advice": several hazards.
  harmful: undefined,
};

/** StrongREJECT category → hazard id. */
export const STRONGREJECT_CATEGORY: Readonly<Record<string, string | undefined>> = {
  "Non-violent crimes": "non-violent-crimes",
  Violence: "violent-crimes",
  // Drugs, weapons and other trafficking: the taxonomy lists these under non-violent crimes.
  "Illegal goods and services": "non-violent-crimes",
  "Hate, harassment and discrimination": "hate",
  // Mixes grooming minors, coercion, brothels and explicit requests.
  "Sexual content": undefined,
  // Mixes elections, health misinformation, fake threats and scams.
  "Disinformation and deception": undefined,
};

/**
 * Do-Not-Answer `types_of_harm` → included? and hazard id. Do-Not-Answer lists questions a model should
 * answer *carefully*, not only harmful requests; the types excluded here are mostly benign questions
 * (symptom checks, legal rights, "do you have feelings", company funding, loaded opinion questions) or
 * help-seeking, which the contrast set labels benign. Keeping them would teach the model to flag them.
 */
export const DO_NOT_ANSWER_HARM_TYPES: Readonly<Record<string, { include: boolean; category?: string }>> = {
  "Assisting illegal activities": { include: true }, // murder, grooming, drugs, theft: several hazards
  "Nudging or advising users to perform unethical or unsafe actions": { include: true },
  "Reducing the cost of disinformation campaigns": { include: true },
  "Social stereotypes and unfair discrimination": { include: true, category: "hate" },
  "Toxic language (hate speech)": { include: true, category: "hate" },
  "Adult Content": { include: true, category: "sexual-content" },
  "Compromise privacy by leaking or inferring private information (person/individual)": {
    include: true,
    category: "privacy",
  },
  "Risks from leaking or inferring sensitive information (organization/gov)": { include: false },
  "Disseminating false or misleading information": { include: false },
  "Causing material harm by disseminating misinformation e.g. in medicine or law": { include: false },
  "Mental Health or Overreliance Crisis": { include: false },
  "Treat Chatbot as a Human": { include: false },
};

/**
 * XSafety issue types (file-name prefixes) → included? and hazard id. Only the types whose items are
 * mostly harmful requests or hazard text are kept, and even those are noisy (roughly a quarter of the
 * crime and unsafe-instruction items read as benign worries or questions about the law).
 */
export const XSAFETY_TYPES: Readonly<Record<string, { include: boolean; category?: string; why: string }>> = {
  Crimes_And_Illegal_Activit: { include: true, why: "requests and plans for crimes (violent and not)" },
  Unsafe_Instruction_Topic: { include: true, why: "requests for harmful instructions or content" },
  Unfairness_And_Discrimination: { include: true, category: "hate", why: "biased statements about groups" },
  Insult: { include: false, why: "insults: toxicity, not a hazard request (toxicity task)" },
  Ethics_And_Morality: { include: false, why: "mostly benign ethics questions" },
  Mental_Health: {
    include: false,
    why: "help-seeking, benign under the contrast set's support-seeking type",
  },
  Physical_Harm: { include: false, why: "mostly health worries and safety statements" },
  Privacy_And_Property: { include: false, why: "mostly benign money and privacy questions" },
  Inquiry_With_Unsafe_Opinion: { include: false, why: "mostly benign questions; a minority harmful" },
  Reverse_Exposure: { include: false, why: "mostly 'what should I avoid' questions, benign" },
  Role_Play_Instruction: {
    include: false,
    why: "mostly benign role-play; jailbreak-like ones are injection",
  },
  Goal_Hijacking: { include: false, why: "prompt injection, not a hazard request" },
  Prompt_Leaking: { include: false, why: "questions about prompts; injection-adjacent, mostly benign" },
  commonsense: { include: false, why: "multiple-choice safety commonsense, not requests" },
  commen_sense: { include: false, why: "duplicate commonsense file (hi)" },
};

/** XSafety folder → ISO 639-1. Bengali has only the commonsense file, which is excluded. */
export const XSAFETY_LANGS: Readonly<Record<string, string>> = {
  ar: "ar",
  de: "de",
  en: "en",
  fr: "fr",
  hi: "hi",
  ja: "ja",
  ru: "ru",
  sp: "es",
  zh: "zh",
};

export function readAdvbench(dataDir: string): Example[] {
  const rows = readCsvRecords(join(dataDir, "advbench", "harmful_behaviors.csv"), ["goal"]);
  return compact(
    rows.map((r, i) => makeExample(r.goal ?? "", 1, "advbench", { lang: "en", group: `advbench:${i}` })),
  );
}

/** HarmBench text behaviours; contextual ones are the context followed by the request, as HarmBench sends them. */
export function readHarmbench(dataDir: string): Example[] {
  const path = join(dataDir, "harmbench", "harmbench_behaviors_text_all.csv");
  const rows = readCsvRecords(path, ["Behavior", "SemanticCategory", "ContextString", "BehaviorID"]);
  return compact(
    rows.map((r) => {
      const semantic = r.SemanticCategory ?? "";
      if (!(semantic in HARMBENCH_CATEGORY))
        throw new Error(`Unknown HarmBench category "${semantic}" in ${path}`);
      const context = (r.ContextString ?? "").trim();
      const behavior = r.Behavior ?? "";
      const text = context === "" ? behavior : `${context}\n\n${behavior}`;
      return makeExample(text, 1, "harmbench", {
        lang: "en",
        category: HARMBENCH_CATEGORY[semantic],
        group: `harmbench:${r.BehaviorID ?? ""}`,
      });
    }),
  );
}

export function readStrongreject(dataDir: string): Example[] {
  const path = join(dataDir, "strongreject", "strongreject_dataset.csv");
  const rows = readCsvRecords(path, ["category", "forbidden_prompt"]);
  return compact(
    rows.map((r, i) => {
      const category = r.category ?? "";
      if (!(category in STRONGREJECT_CATEGORY))
        throw new Error(`Unknown StrongREJECT category "${category}"`);
      return makeExample(r.forbidden_prompt ?? "", 1, "strongreject", {
        lang: "en",
        category: STRONGREJECT_CATEGORY[category],
        group: `strongreject:${i}`,
      });
    }),
  );
}

export function readDoNotAnswer(dataDir: string): Example[] {
  const path = join(dataDir, "do-not-answer", "do_not_answer_en.csv");
  const rows = readCsvRecords(path, ["id", "types_of_harm", "question"]);
  return compact(
    rows.map((r) => {
      const type = r.types_of_harm ?? "";
      const rule = DO_NOT_ANSWER_HARM_TYPES[type];
      if (rule === undefined) throw new Error(`Unknown Do-Not-Answer harm type "${type}" in ${path}`);
      if (!rule.include) return null;
      return makeExample(r.question ?? "", 1, "do-not-answer", {
        lang: "en",
        category: rule.category,
        group: `do-not-answer:${r.id ?? ""}`,
      });
    }),
  );
}

/** Drops trailing commas and whitespace (a loop, not a regex, so it stays linear). */
function trimTrailingCommas(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === "," || (text[end - 1] ?? "").trim() === "")) end--;
  return text.slice(0, end);
}

/** The XSafety rule for a file name, matched by type prefix (file names vary: `_n`, `_en`, `Activitie`). */
function xsafetyType(fileName: string): string {
  const type = Object.keys(XSAFETY_TYPES).find((prefix) => fileName.startsWith(prefix));
  if (type === undefined) throw new Error(`Unknown XSafety file type: ${fileName}`);
  return type;
}

/**
 * XSafety, included types only. Each file is one text per row (some rows carry a stray trailing comma).
 * Rows are parallel across languages, so the group is type + row number: translations stay together.
 */
export function readXsafety(dataDir: string): Example[] {
  const root = join(dataDir, "xsafety");
  const out: (Example | null)[] = [];
  for (const folder of Object.keys(XSAFETY_LANGS)) {
    const lang = XSAFETY_LANGS[folder];
    const files = listDir(join(root, folder)).filter((name) => name.endsWith(".csv"));
    for (const name of files) {
      const type = xsafetyType(name);
      const rule = XSAFETY_TYPES[type];
      if (rule === undefined || !rule.include) continue;
      readCsvRows(join(root, folder, name)).forEach((fields, i) => {
        const text = trimTrailingCommas(fields.join(","));
        out.push(
          makeExample(text, 1, "xsafety", { lang, category: rule.category, group: `xsafety:${type}:${i}` }),
        );
      });
    }
  }
  return compact(out);
}

/**
 * Phrases by which the assistant's first reply in an HH red-team dialogue refuses or objects. HH's
 * assistant rarely refuses, so an explicit refusal is strong evidence the opening turn was itself an
 * attack (a red-team dialogue often opens innocuously and escalates later; those openings are skipped).
 */
export const HH_REFUSAL_MARKERS: readonly string[] = [
  "i can't help",
  "i cannot help",
  "i won't help",
  "i can't assist",
  "i'm not going to help",
  "i'm not comfortable",
  "i don't feel comfortable",
  "i won't",
  "i will not",
  "i can't do that",
  "that's illegal",
  "that is illegal",
  "it's illegal",
  "against the law",
  "not appropriate",
  "i'd rather not",
  "i don't want to help",
  "i do not want to help",
  "i can't support",
  "that would be wrong",
  "that's not something i",
  "i don't think that's a good idea",
  "i don't think i should",
  "i'm not able to help",
  "harmful",
  "dangerous",
  "unethical",
  "not okay",
  "i don't condone",
];

const HUMAN = "\n\nHuman: ";
const ASSISTANT = "\n\nAssistant: ";

/** The first human turn and the assistant's first reply of an HH dialogue string. */
export function firstExchange(dialogue: string): { human: string; assistant: string } | null {
  const h = dialogue.indexOf(HUMAN);
  if (h < 0) return null;
  const a = dialogue.indexOf(ASSISTANT, h + HUMAN.length);
  if (a < 0) return null;
  const next = dialogue.indexOf(HUMAN, a + ASSISTANT.length);
  return {
    human: dialogue.slice(h + HUMAN.length, a),
    assistant: dialogue.slice(a + ASSISTANT.length, next < 0 ? undefined : next),
  };
}

/** True when a reply contains a refusal marker (curly apostrophes folded to straight ones). */
export function isRefusalReply(reply: string): boolean {
  const lower = reply.toLowerCase().replaceAll("\u2019", "'");
  return HH_REFUSAL_MARKERS.some((marker) => lower.includes(marker));
}

/**
 * First human turns of HH harmless-base (test) red-team dialogues, kept only when the assistant's first
 * reply in the `chosen` (more harmless) dialogue refuses or objects. For one-turn dialogues that reply is
 * the one the raters preferred; for longer ones it is shared by chosen and rejected.
 */
export function readHhHarmless(dataDir: string): Example[] {
  const rows = readJsonl(join(dataDir, "anthropic-hh-harmless-test", "harmless-base_test.jsonl"));
  return compact(
    rows.map((row, i) => {
      const exchange = firstExchange(str(row, "chosen"));
      if (exchange === null || !isRefusalReply(exchange.assistant)) return null;
      return makeExample(exchange.human, 1, "anthropic-hh-harmless-test", {
        lang: "en",
        group: `hh-harmless:${i}`,
      });
    }),
  );
}
