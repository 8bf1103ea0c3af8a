/**
 * Ordinary text used as negatives by the toxicity, refusal and harmful-response tasks: SMS messages,
 * first human turns and assistant answers of HH-RLHF helpful dialogues, and NQ-open search queries
 * (Wikipedia passages: benign-documents.ts). Every reader returns all usable items in file order, with
 * the dataset folder as `source`; the task loaders sample.
 * Negatives are never filtered by keyword (the README's rule: a word is not harm).
 */
import { join } from "node:path";
import type { Example } from "../../types.js";
import { compact, makeExample } from "./examples.js";
import { readText } from "./files.js";
import { readJsonl, str } from "./json.js";

/**
 * SMS Spam Collection: `label<TAB>message` per line after a header. Not read as CSV: the messages hold
 * bare double quotes that are text, not field quoting. Ham and spam are both labelled 0 (spam is
 * promotional, not toxic); `group` keeps the source row.
 */
export function readSmsMessages(dataDir: string): Example[] {
  const path = join(dataDir, "sms-spam-collection", "SMSSpamCollection.tsv");
  const lines = readText(path).split("\n");
  if (!(lines[0] ?? "").startsWith("Label\t"))
    throw new Error(`Unexpected header in ${path}: ${lines[0] ?? ""}`);
  return compact(
    lines.slice(1).map((line, i) => {
      const tab = line.indexOf("\t");
      if (tab < 0) return null;
      return makeExample(line.slice(tab + 1), 0, "sms-spam-collection", { lang: "en", group: `sms:${i}` });
    }),
  );
}

const HH_HELPFUL = "hh-rlhf-helpful-test";

/** HH-RLHF helpful (test): the derived file of first human turns, one JSON object per line. */
export function readHhHelpfulFirstTurns(dataDir: string): Example[] {
  const rows = readJsonl(join(dataDir, "hh-rlhf-helpful-test", "first_human_turns.jsonl"));
  return compact(
    rows.map((row, i) =>
      makeExample(str(row, "prompt"), 0, HH_HELPFUL, { lang: "en", group: `hh-helpful-turn:${i}` }),
    ),
  );
}

export const HH_HELPFUL_FILES = [
  "helpful-base_test.jsonl",
  "helpful-online_test.jsonl",
  "helpful-rejection-sampled_test.jsonl",
] as const;

const ASSISTANT = "\n\nAssistant:";

/** The last assistant turn of an HH dialogue string ("" when there is none). */
export function lastAssistantTurn(dialogue: string): string {
  const at = dialogue.lastIndexOf(ASSISTANT);
  return at < 0 ? "" : dialogue.slice(at + ASSISTANT.length);
}

/**
 * HH-RLHF helpful (test): the final assistant reply of each `chosen` dialogue, i.e. the reply raters
 * preferred as more helpful. A sample of 36 read as helpful answers in 33 cases; 3 were partial
 * inability statements ("I can't really tell you what the cause is, but ..."), a small known noise.
 */
export function readHhHelpfulAnswers(dataDir: string): Example[] {
  const out: (Example | null)[] = [];
  for (const file of HH_HELPFUL_FILES) {
    const subset = file.replace("_test.jsonl", "");
    readJsonl(join(dataDir, "hh-rlhf-helpful-test", file)).forEach((row, i) => {
      const reply = lastAssistantTurn(str(row, "chosen"));
      out.push(makeExample(reply, 0, HH_HELPFUL, { lang: "en", group: `hh-helpful:${subset}:${i}` }));
    });
  }
  return compact(out);
}

export const NQ_OPEN_FILES = [
  "NQ-open.dev.jsonl",
  "NQ-open.efficientqa.dev.1.1.jsonl",
  "NQ-open.efficientqa.test.1.1.jsonl",
] as const;

/** NQ-open: real, anonymised search queries (the `question` field of each line). */
export function readNqOpenQuestions(dataDir: string): Example[] {
  const out: (Example | null)[] = [];
  for (const file of NQ_OPEN_FILES) {
    readJsonl(join(dataDir, "nq-open", file)).forEach((row) => {
      out.push(makeExample(str(row, "question"), 0, "nq-open", { lang: "en" }));
    });
  }
  return compact(out);
}
