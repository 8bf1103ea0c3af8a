/**
 * Readers for benign requests and questions (label 0): instructions, search queries, assistant commands,
 * exam questions, role-play prompts (NQ-open and HH-RLHF helpful turns are read by benign-text.ts). They return every usable row; the task loaders cap and sample them.
 * Benign sets use alarming words harmlessly, so nothing here is filtered by keyword.
 */
import { join } from "node:path";
import type { Example } from "../../types.js";
import { readCsvRecords } from "./csv.js";
import { compact, makeExample } from "./examples.js";
import { listFiles } from "./files.js";
import { arr, isRecord, readJson, readJsonArray, readJsonl, str } from "./json.js";

const EN = { lang: "en" } as const;

/** Instruction text plus its first instance input, when the task has one. */
function instructionWithInput(row: unknown): string {
  const instruction = str(row, "instruction");
  const input = str(arr(row, "instances")[0], "input").trim();
  return input === "" ? instruction : `${instruction}\n\n${input}`;
}

/** Self-instruct seed and user-oriented tasks, MT-Bench and Vicuna questions (every turn; the second
 *  MT-Bench turns such as "Rewrite your previous response" are useful injection hard negatives). */
export function readBenignInstructions(dataDir: string): Example[] {
  const dir = join(dataDir, "benign-instructions");
  const out: (Example | null)[] = [];
  for (const file of ["self_instruct_seed_tasks.jsonl", "self_instruct_user_oriented_instructions.jsonl"]) {
    for (const row of readJsonl(join(dir, file))) {
      out.push(
        makeExample(instructionWithInput(row), 0, "benign-instructions", {
          ...EN,
          group: `bi:${str(row, "id")}`,
        }),
      );
    }
  }
  for (const file of ["mt_bench_question.jsonl", "vicuna_bench_question.jsonl"]) {
    for (const row of readJsonl(join(dir, file))) {
      const id = isRecord(row) ? String(row.question_id) : "";
      for (const turn of arr(row, "turns")) {
        if (typeof turn === "string")
          out.push(makeExample(turn, 0, "benign-instructions", { ...EN, group: `bi:${file}:${id}` }));
      }
    }
  }
  return compact(out);
}

export function readTruthfulqa(dataDir: string): Example[] {
  const rows = readCsvRecords(join(dataDir, "truthfulqa", "TruthfulQA.csv"), ["Question"]);
  return compact(rows.map((r) => makeExample(r.Question ?? "", 0, "truthfulqa", EN)));
}

/** CyberSecEval's MITRE false-refusal set: benign security prompts that sound offensive. */
export function readCyberFrr(dataDir: string): Example[] {
  const path = join(dataDir, "cyberseceval", "mitre_frr.json");
  return compact(
    readJsonArray(path).map((row) => {
      if (isRecord(row) && row.is_malicious === true) return null;
      return makeExample(str(row, "mutated_prompt"), 0, "cyberseceval", EN);
    }),
  );
}

export function readWebquestions(dataDir: string): Example[] {
  const files = listFiles(join(dataDir, "webquestions"), ".json");
  return compact(
    files.flatMap((f) =>
      readJsonArray(f).map((row) => makeExample(str(row, "qText"), 0, "webquestions", EN)),
    ),
  );
}

/** CLINC150: every split, in-scope and out-of-scope (rows are [text, intent]). */
export function readClinc150(dataDir: string): Example[] {
  const data = readJson(join(dataDir, "clinc150", "data_full.json"));
  if (!isRecord(data)) throw new Error("clinc150/data_full.json: expected an object of splits");
  const out: (Example | null)[] = [];
  for (const split of Object.keys(data).sort()) {
    for (const row of arr(data[split])) {
      const text = Array.isArray(row) && typeof row[0] === "string" ? row[0] : "";
      out.push(makeExample(text, 0, "clinc150", EN));
    }
  }
  return compact(out);
}

export function readBanking77(dataDir: string): Example[] {
  const dir = join(dataDir, "banking77");
  return compact(
    ["train.csv", "test.csv"].flatMap((f) =>
      readCsvRecords(join(dir, f), ["text"]).map((r) => makeExample(r.text ?? "", 0, "banking77", EN)),
    ),
  );
}

/** Schema-Guided Dialogue: the first user turn of each dialogue. */
export function readSgd(dataDir: string): Example[] {
  const rows = readJsonl(join(dataDir, "schema-guided-dialogue", "sgd_first_user_turns.jsonl"));
  return compact(rows.map((row) => makeExample(str(row, "utterance"), 0, "schema-guided-dialogue", EN)));
}

/** MMLU test questions (the question text only, without the choices). */
export function readMmlu(dataDir: string): Example[] {
  const files = listFiles(join(dataDir, "mmlu", "test"), ".csv");
  if (files.length === 0) throw new Error(`No MMLU test files in ${join(dataDir, "mmlu", "test")}`);
  return compact(
    files.flatMap((f) =>
      readCsvRecords(f, ["question"]).map((r) => makeExample(r.question ?? "", 0, "mmlu", EN)),
    ),
  );
}

export function readGsm8k(dataDir: string): Example[] {
  const dir = join(dataDir, "gsm8k");
  return compact(
    ["train.jsonl", "test.jsonl"].flatMap((f) =>
      readJsonl(join(dir, f)).map((row) => makeExample(str(row, "question"), 0, "gsm8k", EN)),
    ),
  );
}

/** `act` names listed in awesome-chatgpt-prompts/review_flags.csv: real jailbreaks or not clean negatives. */
export function readAwesomeFlags(dataDir: string): Set<string> {
  const rows = readCsvRecords(join(dataDir, "awesome-chatgpt-prompts", "review_flags.csv"), ["act"]);
  return new Set(rows.map((r) => (r.act ?? "").trim()));
}

/** awesome-chatgpt-prompts (classic and full), minus every row named in review_flags.csv. */
export function readAwesomeChatgptPrompts(dataDir: string): Example[] {
  const dir = join(dataDir, "awesome-chatgpt-prompts");
  const flagged = readAwesomeFlags(dataDir);
  return compact(
    ["prompts_classic.csv", "prompts_full.csv"].flatMap((f) =>
      readCsvRecords(join(dir, f), ["act", "prompt"]).map((r) =>
        flagged.has((r.act ?? "").trim())
          ? null
          : makeExample(r.prompt ?? "", 0, "awesome-chatgpt-prompts", EN),
      ),
    ),
  );
}

/** Chinese role-play prompts (simplified and traditional). */
export function readAwesomeChatgptPromptsZh(dataDir: string): Example[] {
  const dir = join(dataDir, "awesome-chatgpt-prompts-zh");
  return compact(
    ["prompts-zh.json", "prompts-zh-TW.json"].flatMap((f) =>
      readJsonArray(join(dir, f)).map((row) =>
        makeExample(str(row, "prompt"), 0, "awesome-chatgpt-prompts-zh", { lang: "zh" }),
      ),
    ),
  );
}

/** GPTeacher role-play instructions (with their input, when present). */
export function readGpteacherRoleplay(dataDir: string): Example[] {
  const rows = readJsonArray(
    join(dataDir, "gpteacher-roleplay", "roleplay-simple-deduped-roleplay-instruct.json"),
  );
  return compact(
    rows.map((row) => {
      const input = str(row, "input").trim();
      const text = input === "" ? str(row, "instruction") : `${str(row, "instruction")}\n\n${input}`;
      return makeExample(text, 0, "gpteacher-roleplay", EN);
    }),
  );
}
