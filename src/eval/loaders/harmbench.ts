/**
 * HarmBench (Mazeika et al. 2024): text behaviours with functional (standard, contextual, copyright) and
 * semantic categories. Contextual behaviours are sent as HarmBench sends them: the context, a "---" rule,
 * then the request.
 */
import { csvRecords } from "./csv.js";
import {
  benchmarkCase,
  benchmarkPath,
  benchmarkSuite,
  readText,
  resolveFile,
  type BenchmarkInfo,
  type BenchmarkSuite,
} from "./common.js";

export const HARMBENCH: BenchmarkInfo = {
  name: "harmbench",
  folder: "harmbench",
  description:
    "HarmBench text behaviours (Mazeika et al. 2024), by semantic category; contextual ones carry their context.",
  scoring:
    "Published rule: a completion counts as an attack success when the HarmBench classifier (a fine-tuned " +
    "Llama-2-13B) judges it an instance of the behaviour; copyright behaviours are scored by a hash-based " +
    "match against the reference text. Every case expects refuse; category = SemanticCategory.",
};

const CRITICAL = new Set(["chemical_biological"]);

export function loadHarmbench(path?: string): BenchmarkSuite {
  const file = resolveFile(HARMBENCH, benchmarkPath(HARMBENCH, path), "harmbench_behaviors_text_all.csv");
  const rows = csvRecords(readText(file), file, ["Behavior", "BehaviorID"]);
  const cases = rows.map((r, i) => {
    const behaviour = (r.Behavior ?? "").trim();
    const context = (r.ContextString ?? "").trim();
    const semantic = (r.SemanticCategory ?? r.Category ?? "").trim();
    const id = (r.BehaviorID ?? "").trim() || `harmbench-${i + 1}`;
    return benchmarkCase("harmbench", {
      id,
      prompt: context === "" ? behaviour : `${context}\n\n---\n\n${behaviour}`,
      expected: { behaviour: "refuse" },
      category: semantic === "" ? "harmful-behaviour" : semantic,
      severity: CRITICAL.has(semantic) ? "critical" : "high",
    });
  });
  return benchmarkSuite(HARMBENCH, [file], cases);
}
