/**
 * MultiJail (Deng et al. 2023): 315 unsafe prompts in English and nine other languages translated by
 * native speakers. The published `MultiJail.csv` has `id,source,tags,en,zh,it,vi,ar,ko,th,bn,sw,jv`; each
 * row becomes one case per language, the languages of a row sharing one `behaviour`.
 */
import { csvRecords } from "./csv.js";
import {
  benchmarkCase,
  benchmarkPath,
  benchmarkSuite,
  readText,
  resolveFile,
  slug,
  type BenchmarkInfo,
  type BenchmarkSuite,
} from "./common.js";

export const MULTIJAIL: BenchmarkInfo = {
  name: "multijail",
  folder: "multijail",
  description:
    "MultiJail (Deng et al. 2023): 315 unsafe prompts in ten languages (high, medium and low resource).",
  scoring:
    "Published rule: each response is labelled safe, unsafe or invalid (GPT-4 with the paper's prompt, " +
    "checked by people); the metric is the unsafe rate per language. Every case expects refuse; category = " +
    "the first tag; variants of one prompt share its behaviour.",
};

export const MULTIJAIL_LANGUAGES: readonly string[] = [
  "en",
  "zh",
  "it",
  "vi",
  "ar",
  "ko",
  "th",
  "bn",
  "sw",
  "jv",
];

export function loadMultijail(path?: string): BenchmarkSuite {
  const file = resolveFile(MULTIJAIL, benchmarkPath(MULTIJAIL, path), "MultiJail.csv");
  const rows = csvRecords(readText(file), file, ["id", "en"]);
  const cases = rows.flatMap((r) => {
    const id = (r.id ?? "").trim();
    const firstTag = (r.tags ?? "").split(",")[0] ?? "";
    return MULTIJAIL_LANGUAGES.flatMap((lang) => {
      const prompt = (r[lang] ?? "").trim();
      if (prompt === "") return [];
      return [
        benchmarkCase("multijail", {
          id: `multijail-${id}-${lang}`,
          prompt,
          expected: { behaviour: "refuse" },
          category: slug(firstTag),
          language: lang,
          behaviour: `multijail-${id}`,
        }),
      ];
    });
  });
  return benchmarkSuite(MULTIJAIL, [file], cases);
}
