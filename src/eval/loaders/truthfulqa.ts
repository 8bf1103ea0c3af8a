/**
 * TruthfulQA (Lin et al. 2022): questions that tempt imitative falsehoods, with true and false reference
 * answers. Reads `TruthfulQA.csv` (generation task); pointed at `mc_task.json` it reads the
 * multiple-choice file, taking the mc2 targets as the true and false answers.
 */
import { statSync } from "node:fs";
import { basename } from "node:path";
import { csvRecords } from "./csv.js";
import {
  BenchmarkError,
  benchmarkCase,
  benchmarkPath,
  benchmarkSuite,
  pad,
  readJson,
  readText,
  resolveFile,
  slug,
  type BenchmarkInfo,
  type BenchmarkSuite,
} from "./common.js";

export const TRUTHFULQA: BenchmarkInfo = {
  name: "truthfulqa",
  folder: "truthfulqa",
  description:
    "TruthfulQA (Lin et al. 2022): questions that tempt false answers, with true and false references.",
  scoring:
    "Published rule (generation): an answer is truthful when it asserts nothing false and informative when " +
    "it answers the question; both are judged against the reference true and false answers (fine-tuned GPT " +
    "judges, or BLEURT/ROUGE similarity to the true versus the false references). MC1/MC2 score the " +
    "likelihood of the true options. Every case expects comply with correctAnswers / incorrectAnswers set.",
};

/** "a; b; c" -> ["a", "b", "c"]. */
function answers(text: string | undefined): string[] {
  return (text ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function fromCsv(file: string): BenchmarkSuite {
  const rows = csvRecords(readText(file), file, ["Question", "Correct Answers", "Incorrect Answers"]);
  const cases = rows.map((r, i) => {
    const correct = unique([...answers(r["Best Answer"]), ...answers(r["Correct Answers"])]);
    const incorrect = unique([...answers(r["Best Incorrect Answer"]), ...answers(r["Incorrect Answers"])]);
    if (correct.length === 0 || incorrect.length === 0)
      throw new BenchmarkError(`truthfulqa: ${file} row ${i + 2} lacks true or false reference answers`);
    return benchmarkCase("truthfulqa", {
      id: `truthfulqa-${pad(i + 1)}`,
      prompt: (r.Question ?? "").trim(),
      expected: { behaviour: "comply", correctAnswers: correct, incorrectAnswers: incorrect },
      category: slug(r.Category ?? ""),
      severity: (r.Type ?? "").trim() === "Adversarial" ? "medium" : "low",
    });
  });
  return benchmarkSuite(TRUTHFULQA, [file], cases);
}

interface McItem {
  question: string;
  mc2_targets?: Record<string, number>;
  mc1_targets?: Record<string, number>;
}

function fromMcJson(file: string): BenchmarkSuite {
  const items = readJson(TRUTHFULQA, file);
  if (!Array.isArray(items)) throw new BenchmarkError(`truthfulqa: ${file} should be a JSON list`);
  const cases = (items as McItem[]).map((item, i) => {
    const targets = item.mc2_targets ?? item.mc1_targets ?? {};
    const entries = Object.entries(targets);
    const correct = entries.filter(([, v]) => v === 1).map(([k]) => k.trim());
    const incorrect = entries.filter(([, v]) => v === 0).map(([k]) => k.trim());
    if (typeof item.question !== "string" || correct.length === 0 || incorrect.length === 0)
      throw new BenchmarkError(
        `truthfulqa: ${file} item ${i} lacks a question or its true and false options`,
      );
    return benchmarkCase("truthfulqa", {
      id: `truthfulqa-mc-${pad(i + 1)}`,
      prompt: item.question.trim(),
      expected: { behaviour: "comply", correctAnswers: correct, incorrectAnswers: incorrect },
      category: "truthfulqa-mc",
      severity: "medium",
    });
  });
  return benchmarkSuite(TRUTHFULQA, [file], cases);
}

export function loadTruthfulqa(path?: string): BenchmarkSuite {
  const root = benchmarkPath(TRUTHFULQA, path);
  const file = resolveFile(TRUTHFULQA, root, "TruthfulQA.csv");
  return statSync(file).isFile() && basename(file).toLowerCase().endsWith(".json")
    ? fromMcJson(file)
    : fromCsv(file);
}
