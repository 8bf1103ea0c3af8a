/**
 * A labelled mix of training records, assembled from the shared datasets, for measuring the curator:
 * each group is known unsafe for one reason (and should be removed or repaired) or known safe (and
 * should be kept as it is). Records carry an `id` ("group:n") that the curator passes through, so the
 * outputs can be scored against the labels.
 *
 * Note: the classifiers were trained on parts of these same sources (see their model cards), so the
 * safety figures measured on this mix are in-distribution and likely optimistic.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readBipia } from "../../classifiers/training/datasets/read/bipia.js";
import { readCsvRecords } from "../../classifiers/training/datasets/read/csv.js";
import { seededSample } from "../../classifiers/training/datasets/read/sample.js";
import { readDavidson } from "../../classifiers/training/datasets/read/toxicity-sources.js";
import { transcriptTurns } from "../formats/hh-transcript.js";
import type { Reason } from "../reasons.js";

export interface MixGroup {
  name: string;
  /** The reason the curator should give, or null for records it should keep unchanged. */
  expect: Reason | null;
  format: "openai" | "text" | "alpaca";
  source: string;
  records: Record<string, unknown>[];
  /** For personal-data groups: each record's structured PII values, by record id (kept out of the records). */
  piiValues?: Map<string, string[]>;
}

/** The structured PII types the default policy's pii entities cover, as Presidio names them. */
export const PRESIDIO_STRUCTURED = [
  "CREDIT_CARD",
  "PHONE_NUMBER",
  "EMAIL_ADDRESS",
  "IBAN_CODE",
  "US_SSN",
  "IP_ADDRESS",
  "US_DRIVER_LICENSE",
] as const;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8")) as unknown;
}

function jsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function chatOf(user: string, assistant: string) {
  return [
    { role: "user", content: user },
    { role: "assistant", content: assistant },
  ];
}

interface JbbItem {
  prompt?: string | null;
  goal?: string;
  response?: string | null;
  jailbroken?: boolean;
}

/** JailbreakBench: jailbroken responses (with the attack prompt as the user turn), and JBC refusals. */
function jailbreakbench(dataDir: string): {
  jailbroken: Record<string, unknown>[];
  refusals: Record<string, unknown>[];
} {
  const root = join(dataDir, "jailbreakbench-artifacts");
  const jailbroken: Record<string, unknown>[] = [];
  const refusals: Record<string, unknown>[] = [];
  for (const method of ["DSN", "GCG", "JBC", "PAIR", "prompt_with_random_search"]) {
    const info = readJson(join(root, method, "attack-info.json")) as { models: Record<string, string[]> };
    for (const model of Object.keys(info.models).sort())
      for (const kind of info.models[model] ?? []) {
        const data = readJson(join(root, method, kind, `${model}.json`)) as { jailbreaks: JbbItem[] };
        for (const j of data.jailbreaks) {
          const user = j.prompt ?? j.goal ?? "";
          if (!j.response || !user) continue;
          // Only the JailbreakChat runs on gpt-3.5, gpt-4 and Llama-2 never succeeded: reliable refusals.
          const refusalRun = method === "JBC" && model !== "vicuna-13b-v1.5";
          if (j.jailbroken) jailbroken.push({ messages: chatOf(user, j.response) });
          else if (refusalRun) refusals.push({ messages: chatOf(user, j.response) });
        }
      }
  }
  return { jailbroken, refusals };
}

/** GPTFuzz responses labelled jailbroken, with the harmful question as the user turn. */
function gptfuzz(dataDir: string): Record<string, unknown>[] {
  const questions = new Map(
    readCsvRecords(join(dataDir, "gptfuzz", "question_list.csv"), ["index", "text"]).map((r) => [
      r.index,
      r.text,
    ]),
  );
  const out: Record<string, unknown>[] = [];
  for (const file of ["responses_labeled_train.csv", "responses_labeled_evaluate.csv"])
    for (const row of readCsvRecords(join(dataDir, "gptfuzz", file), ["question", "Response", "label"])) {
      const q = questions.get(row.question ?? "");
      if (row.label === "1" && q && row.Response) out.push({ messages: chatOf(q, row.Response) });
    }
  return out;
}

/** HH-RLHF helpful dialogues (the chosen side), as chats. */
function hhHelpful(dataDir: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const row of jsonl(join(dataDir, "hh-rlhf-helpful-test", "helpful-base_test.jsonl"))) {
    const chosen = row.chosen;
    if (typeof chosen !== "string") continue;
    const messages = transcriptTurns(chosen, ["chosen"]).map((t) => ({ role: t.role, content: t.text }));
    if (messages.length >= 2 && messages.at(-1)!.role === "assistant") out.push({ messages });
  }
  return out;
}

/** Self-instruct user-oriented tasks with their reference outputs, as Alpaca records. */
function selfInstruct(dataDir: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const row of jsonl(
    join(dataDir, "benign-instructions", "self_instruct_user_oriented_instructions.jsonl"),
  )) {
    const inst = row.instances as { input?: string; output?: string }[] | undefined;
    const first = inst?.[0];
    if (typeof row.instruction === "string" && first?.output)
      out.push({ instruction: row.instruction, input: first.input ?? "", output: first.output });
  }
  return out;
}

interface PresidioRow {
  full_text: string;
  spans: { entity_type: string; entity_value: string }[];
}

/** Presidio synthetic sentences: with structured PII (the default policy's entities), and with none. */
function presidio(dataDir: string): { pii: Record<string, unknown>[]; none: Record<string, unknown>[] } {
  const rows = readJson(join(dataDir, "presidio-synthetic-pii", "synth_dataset_v2.json")) as PresidioRow[];
  const structured = new Set<string>(PRESIDIO_STRUCTURED);
  const pii: Record<string, unknown>[] = [];
  const none: Record<string, unknown>[] = [];
  for (const r of rows) {
    const values = r.spans.filter((s) => structured.has(s.entity_type)).map((s) => s.entity_value);
    if (values.length > 0) pii.push({ text: r.full_text, [PII_KEY]: values });
    else if (r.spans.length === 0) none.push({ text: r.full_text });
  }
  return { pii, none };
}

/** Where presidio() parks a record's PII values until labelledMix moves them out of the record. */
const PII_KEY = "\u0000pii";

/** The mix, each group sampled (seeded) to at most `perGroup` records. */
export function labelledMix(dataDir: string, perGroup: number): MixGroup[] {
  const jbb = jailbreakbench(dataDir);
  const dav = readDavidson(dataDir);
  const bipia = readBipia(dataDir);
  const pres = presidio(dataDir);
  const groups: { meta: Omit<MixGroup, "records">; all: Record<string, unknown>[] }[] = [];
  const add = (meta: Omit<MixGroup, "records">, all: Record<string, unknown>[]): void => {
    groups.push({ meta, all });
  };
  add(
    {
      name: "jbb-jailbroken",
      expect: "harmful-compliance",
      format: "openai",
      source: "jailbreakbench-artifacts (judge: jailbroken)",
    },
    jbb.jailbroken,
  );
  add(
    {
      name: "gptfuzz-jailbroken",
      expect: "harmful-compliance",
      format: "openai",
      source: "gptfuzz (hand label 1)",
    },
    gptfuzz(dataDir),
  );
  add(
    {
      name: "jbb-refusals",
      expect: null,
      format: "openai",
      source: "jailbreakbench JBC on gpt-3.5/gpt-4/Llama-2 (all refusals)",
    },
    jbb.refusals,
  );
  add(
    { name: "hh-helpful", expect: null, format: "openai", source: "hh-rlhf-helpful-test (chosen dialogues)" },
    hhHelpful(dataDir),
  );
  add(
    {
      name: "davidson-toxic",
      expect: "toxicity",
      format: "text",
      source: "davidson-hate-offensive (hate + offensive)",
    },
    [...dav.hate, ...dav.offensive].map((e) => ({ text: e.text })),
  );
  add(
    { name: "davidson-neither", expect: null, format: "text", source: "davidson-hate-offensive (neither)" },
    dav.neither.map((e) => ({ text: e.text })),
  );
  add(
    {
      name: "bipia-attacked",
      expect: "injection",
      format: "text",
      source: "bipia contexts with an attack inserted",
    },
    bipia.filter((e) => e.label === 1).map((e) => ({ text: e.text })),
  );
  add(
    { name: "bipia-clean", expect: null, format: "text", source: "bipia contexts (clean)" },
    bipia.filter((e) => e.label === 0).map((e) => ({ text: e.text })),
  );
  add(
    {
      name: "presidio-pii",
      expect: "pii",
      format: "text",
      source: "presidio-synthetic-pii (email, phone, card, IBAN, SSN, IP, licence)",
    },
    pres.pii,
  );
  add(
    { name: "presidio-none", expect: null, format: "text", source: "presidio-synthetic-pii (no entities)" },
    pres.none,
  );
  add(
    {
      name: "self-instruct",
      expect: null,
      format: "alpaca",
      source: "benign-instructions (self-instruct user-oriented, with outputs)",
    },
    selfInstruct(dataDir),
  );
  return groups.map(({ meta, all }) => {
    const records = seededSample(all, perGroup, `curate-bench:${meta.name}`).map((r, i) => ({
      id: `${meta.name}:${i}`,
      ...r,
    }));
    const group: MixGroup = { ...meta, records };
    if (records.some((r) => PII_KEY in r)) {
      group.piiValues = new Map();
      for (const r of records) {
        group.piiValues.set(r.id, (r as Record<string, unknown>)[PII_KEY] as string[]);
        delete (r as Record<string, unknown>)[PII_KEY];
      }
    }
    return group;
  });
}
