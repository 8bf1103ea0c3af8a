/**
 * The project's own contrast sets (training/data/contrast/*.jsonl). They are found relative to this module,
 * not the working directory, so loading works the same from src/ (vitest) and from dist/ (compiled): both
 * put this file at <root>/{src,dist}/classifiers/training/datasets/read/.
 */
import { fileURLToPath } from "node:url";
import type { Example } from "../../types.js";
import { compact, makeExample } from "./examples.js";
import { isRecord, readJsonl, str } from "./json.js";
import { requirePath } from "./files.js";

export const CONTRAST_FILES = [
  "harm-benign",
  "harm-harmful",
  "harm-lookalikes",
  "harm-multilingual",
  "harm-pairs",
  "injection-benign",
  "injection-attacks",
  "injection-direct-attacks",
  "injection-direct-benign",
  "refusal-refusals",
  "refusal-lookalikes",
  "requests-multilingual",
  "requests-contact",
  "requests-contact-harmful",
  "requests-harmful-blunt",
  "requests-blunt-lookalikes",
  "injection-attacks-third",
  "injection-benign-third",
  "requests-native-harmful",
  "requests-native-mirrors",
  "harm-native-pairs",
  "toxicity-written",
  "toxicity-pairs",
  "injection-written",
  "injection-pairs",
  "harm-written",
  "harm-third-wave",
] as const;
export type ContrastFile = (typeof CONTRAST_FILES)[number];

export interface ContrastItem {
  id: string;
  text: string;
  lang: string;
  topic: string;
  type?: string;
  category?: string;
  pair?: string;
  /** In files that mix the classes: "safe" or "unsafe". */
  label?: string;
}

/** Absolute path of a contrast file. */
export function contrastPath(name: ContrastFile): string {
  return fileURLToPath(new URL(`../../../../../training/data/contrast/${name}.jsonl`, import.meta.url));
}

/** Reads one contrast file; throws naming the path when it is missing or an item lacks id or text. */
export function readContrast(name: ContrastFile): ContrastItem[] {
  const path = requirePath(contrastPath(name), "contrast file");
  return readJsonl(path).map((row, i) => {
    if (!isRecord(row) || str(row, "id") === "" || str(row, "text") === "") {
      throw new Error(`Contrast item ${i + 1} in ${path} lacks an id or text`);
    }
    const item: ContrastItem = {
      id: str(row, "id"),
      text: str(row, "text"),
      lang: str(row, "lang"),
      topic: str(row, "topic"),
    };
    for (const key of ["type", "category", "pair", "label"] as const) {
      const value = str(row, key);
      if (value !== "") item[key] = value;
    }
    return item;
  });
}

/**
 * One contrast file as training examples of source `contrast:<name>`, all with `label`, each in the split
 * group `<groupPrefix>:<topic>` (items that share a topic, such as a benign item and its harmful mirror,
 * never straddle a split). Positives keep their hazard `category` when the file has one.
 */
export function contrastExamples(name: ContrastFile, label: 0 | 1, groupPrefix: string): Example[] {
  return compact(
    readContrast(name).map((item) =>
      makeExample(item.text, label, `contrast:${name}`, {
        lang: item.lang === "" ? undefined : item.lang,
        category: label === 1 ? item.category : undefined,
        group: `${groupPrefix}:${item.topic}`,
      }),
    ),
  );
}

/**
 * A contrast file whose items carry their own `label` ("unsafe" → 1, "safe" → 0), as training examples of
 * source `contrast:<name>`; a pair's two items (one `topic`) share a split group, and an unsafe item keeps
 * its hazard `category` when it has one. Throws naming the item when a label is neither.
 */
export function labelledContrastExamples(name: ContrastFile, groupPrefix: string): Example[] {
  return compact(
    readContrast(name).map((item) => {
      if (item.label !== "safe" && item.label !== "unsafe")
        throw new Error(
          `Contrast item ${item.id} in ${contrastPath(name)} has label "${item.label ?? ""}", not safe or unsafe`,
        );
      const unsafe = item.label === "unsafe";
      return makeExample(item.text, unsafe ? 1 : 0, `contrast:${name}`, {
        lang: item.lang === "" ? undefined : item.lang,
        category: unsafe ? item.category : undefined,
        group: `${groupPrefix}:${item.topic}`,
      });
    }),
  );
}
