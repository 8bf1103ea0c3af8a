/**
 * The toxicity, refusal and harmful-response loaders against the shared datasets (GUARDSTACK_DATA or
 * ../shared/datasets), plus the small parsing and label-mapping helpers behind them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dataDir } from "../../../bench/data-dir.js";
import type { Example } from "../types.js";
import { capLabel } from "./read/balance.js";
import { lastAssistantTurn } from "./read/benign-text.js";
import { MAX_TEXT_CHARS } from "./read/examples.js";
import { cjkShare, dnaRefusal, englishUnlessCjk } from "./read/response-sources.js";
import type { SourceInfo } from "./read/source-info.js";
import {
  TOXICITY_SOURCE_PATTERNS,
  decodeHtmlEntities,
  readDavidson,
  splitLostBreaks,
  toxigenClass,
  toxigenStatements,
} from "./read/toxicity-sources.js";
import { HARMFUL_RESPONSE_SOURCES, buildHarmfulResponse, loadHarmfulResponse } from "./harmful-response.js";
import { REFUSAL_SOURCES, buildRefusal, loadRefusal } from "./refusal.js";
import { TOXICITY_SOURCES, buildToxicity, loadToxicity, loadToxicityLexicon } from "./toxicity.js";

type Counts = Map<string, { 0: number; 1: number }>;

function counts(examples: readonly Example[]): Counts {
  const out: Counts = new Map();
  for (const e of examples) {
    const c = out.get(e.source) ?? { 0: 0, 1: 0 };
    c[e.label]++;
    out.set(e.source, c);
  }
  return out;
}

function labelOf(examples: readonly Example[], text: string): 0 | 1 | undefined {
  return examples.find((e) => e.text === text)?.label;
}

/** Shared checks: listed sources only, each with its role's labels and a minimum count; clean texts. */
function checkTask(
  examples: readonly Example[],
  sources: readonly SourceInfo[],
  minimum: Record<string, number>,
): void {
  const c = counts(examples);
  expect([...c.keys()].sort()).toEqual(sources.map((s) => s.name).sort());
  for (const s of sources) {
    const n = c.get(s.name) ?? { 0: 0, 1: 0 };
    const min = minimum[s.name] ?? 1;
    if (s.role === "positive")
      expect({ source: s.name, ...n }).toMatchObject({ 0: 0, 1: expect.any(Number) });
    if (s.role === "negative") expect({ source: s.name, ...n }).toMatchObject({ 1: 0 });
    if (s.role === "mixed") {
      expect(n[0], `${s.name} negatives`).toBeGreaterThan(0);
      expect(n[1], `${s.name} positives`).toBeGreaterThan(0);
    }
    expect(n[0] + n[1], `${s.name} count`).toBeGreaterThanOrEqual(min);
    if (s.role === "positive") expect(n[1]).toBeGreaterThanOrEqual(min);
    if (s.role === "negative") expect(n[0]).toBeGreaterThanOrEqual(min);
  }
  const texts = new Set<string>();
  for (const e of examples) {
    expect(e.text).toBe(e.text.trim());
    expect(e.text.length).toBeGreaterThan(0);
    expect(e.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(texts.has(e.text), `duplicate text from ${e.source}`).toBe(false);
    texts.add(e.text);
  }
}

const root = dataDir();
// The shared datasets are read from a path (GUARDSTACK_DATA); without them these loaders have nothing to read.
const hasData = existsSync(join(root, "README.md"));

describe.skipIf(!hasData)("toxicity loader", () => {
  let examples: Example[];
  beforeAll(() => {
    examples = loadToxicity(root);
  });

  it("has every listed source with its labels and generous minimum counts", () => {
    checkTask(examples, TOXICITY_SOURCES, {
      "davidson-hate-offensive": 5000,
      toxigen: 600,
      "jigsaw-sample": 80,
      "contrast:toxicity-functional": 100,
      "contrast:toxicity-functional-2": 60,
      "contrast:toxicity-functional-3": 250,
      "contrast:toxicity-written": 3000,
      "contrast:toxicity-pairs": 550,
      "sms-spam-collection": 1500,
      "hh-rlhf-helpful-test": 1500,
      "nq-open": 1500,
      "wikipedia-articles-sample": 300,
    });
  });

  it("caps sources: Davidson ≤ 3,000 per label with every hate tweet, the written pairs whole, others ≤ 2,000 per label", () => {
    for (const [source, n] of counts(examples)) {
      if (source === "contrast:toxicity-written") continue;
      const cap = source === "davidson-hate-offensive" ? 3000 : 2000;
      expect(n[0]).toBeLessThanOrEqual(cap);
      expect(n[1]).toBeLessThanOrEqual(cap);
    }
    const kept = new Set(examples.map((e) => e.text));
    const hate = readDavidson(root).hate;
    expect(hate.length).toBeGreaterThan(1000);
    expect(hate.filter((e) => !kept.has(e.text)).length).toBeLessThan(30); // only cross-source duplicates
    // Both sides of every written pair: no pair is sampled apart.
    const written = examples.filter((e) => e.source === "contrast:toxicity-written");
    expect(written.filter((e) => e.label === 1).length).toBeGreaterThan(2400);
    expect(
      Math.abs(written.filter((e) => e.label === 0).length - written.filter((e) => e.label === 1).length),
    ).toBeLessThan(20);
  });

  it("maps labels as documented", () => {
    // Davidson class 0 (hate) → 1; HTML entities decoded.
    const hate = examples.filter((e) => e.source === "davidson-hate-offensive" && e.label === 1);
    expect(hate.some((e) => e.text.includes("&amp;"))).toBe(false);
    // TOXIGEN: a neutral statement about a group is a negative, a hateful one a positive.
    expect(labelOf(examples, "there are many different customs amongst chinese people")).toBe(0);
    expect(labelOf(examples, "all asians make their kids take math lessons and learn karate")).toBe(1);
    // Jigsaw: the second sample comment is toxic and obscene.
    const jigsaw = examples.filter((e) => e.source === "jigsaw-sample");
    expect(jigsaw.find((e) => e.text.startsWith("what on earth is going on here"))?.label).toBe(1);
    expect(jigsaw.find((e) => e.text.startsWith("thank you. there's now also"))?.label).toBe(0);
  });

  it("is deterministic", () => {
    expect(loadToxicity(root)).toEqual(examples);
  });

  it("reports de-duplication and no label conflicts", () => {
    const { stats } = buildToxicity(root);
    expect(stats.duplicates).toBeGreaterThan(0); // the TOXIGEN prompt files repeat statements
    expect(stats.conflicts).toBe(0);
  });

  it("fails naming the missing path when the data root is wrong", () => {
    expect(() => loadToxicity("/nonexistent-data")).toThrow(
      "/nonexistent-data/davidson-hate-offensive/labeled_data.csv",
    );
  });
});

describe.skipIf(!hasData)("toxicity lexicon", () => {
  it("holds strong terms, not mild everyday words or the slur list's common names", () => {
    const lexicon = loadToxicityLexicon(root);
    expect(lexicon.length).toBeGreaterThan(800);
    expect(lexicon).toEqual([...lexicon].sort());
    expect(new Set(lexicon).size).toBe(lexicon.length);
    expect(lexicon).toContain("motherfucker");
    expect(lexicon).not.toContain("69");
    expect(lexicon).not.toContain("abid");
    for (const term of lexicon) expect(term).toBe(term.trim().toLowerCase());
  });
});

describe.skipIf(!hasData)("refusal loader", () => {
  let examples: Example[];
  beforeAll(() => {
    examples = loadRefusal(root);
  });

  it("has every listed source with its labels and generous minimum counts", () => {
    checkTask(examples, REFUSAL_SOURCES, {
      "do-not-answer": 1500,
      gptfuzz: 1500,
      "jailbreakbench:JBC": 100,
      "jailbreakbench:DSN": 100,
      "jailbreakbench:GCG": 80,
      "jailbreakbench:PAIR": 100,
      "jailbreakbench:prompt_with_random_search": 200,
      "hh-rlhf-helpful-test": 1500,
      "contrast:refusal-refusals": 100,
      "contrast:refusal-lookalikes": 90,
    });
  });

  it("maps labels as documented", () => {
    // Do-Not-Answer action 5 (follows the instruction) is not a refusal (these are never capped).
    expect(labelOf(examples, "My mother's maiden name is Sarah.")).toBe(0);
    // A non-jailbroken JailbreakChat response of Llama-2 is a refusal (uncapped source).
    const jbc = examples.filter((e) => e.source === "jailbreakbench:JBC");
    const blackmail = jbc.find(
      (e) => e.text.startsWith("I cannot fulfill your request.") && e.text.includes("Blackmail"),
    );
    expect(blackmail?.label).toBe(1);
    // Sampled sources keep their role: every GPTFuzz example (non-jailbroken) is a refusal.
    expect(examples.filter((e) => e.source === "gptfuzz").every((e) => e.label === 1)).toBe(true);
    // JailbreakBench jailbroken responses are not refusals.
    const jbb = examples.filter((e) => e.source === "jailbreakbench:prompt_with_random_search");
    expect(jbb.every((e) => e.label === 0)).toBe(true);
    // Every example is grouped by the prompt it answers, or (the project's own) by its topic.
    for (const e of examples) expect(e.group).toMatch(/^(dna|gptfuzz|jbb|hh-helpful|contrast-refusal):/);
    const own = examples.filter((e) => e.source.startsWith("contrast:refusal-"));
    expect(own.filter((e) => e.label === 1).every((e) => e.source === "contrast:refusal-refusals")).toBe(
      true,
    );
    expect(own.filter((e) => e.label === 0).every((e) => e.source === "contrast:refusal-lookalikes")).toBe(
      true,
    );
  });

  it("is deterministic and reports no label conflicts", () => {
    expect(loadRefusal(root)).toEqual(examples);
    expect(buildRefusal(root).stats.conflicts).toBe(0);
  });

  it("fails naming the missing path when the data root is wrong", () => {
    expect(() => loadRefusal("/nonexistent-data")).toThrow("/nonexistent-data/do-not-answer/data_en.csv");
  });
});

describe.skipIf(!hasData)("harmful-response loader", () => {
  let examples: Example[];
  beforeAll(() => {
    examples = loadHarmfulResponse(root);
  });

  it("has every listed source with its labels and generous minimum counts", () => {
    checkTask(examples, HARMFUL_RESPONSE_SOURCES, {
      "do-not-answer": 1500,
      gptfuzz: 3000,
      "jailbreakbench:JBC": 150,
      "jailbreakbench:DSN": 150,
      "jailbreakbench:GCG": 200,
      "jailbreakbench:PAIR": 150,
      "jailbreakbench:prompt_with_random_search": 300,
      "hh-rlhf-helpful-test": 1500,
    });
  });

  it("maps labels as documented", () => {
    // Do-Not-Answer human harm label (vicuna made up a personal fact).
    expect(labelOf(examples, "My mother's maiden name is Sarah.")).toBe(1);
    // Refusals are negatives.
    expect(labelOf(examples, "I'm sorry, but I can't assist with that.")).toBe(0);
    const dna = counts(examples).get("do-not-answer");
    expect(dna?.[1]).toBeGreaterThan(150); // all 193 harmful responses, less any duplicates
  });

  it("keeps responses to the same prompt in one group", () => {
    const jbb = examples.filter((e) => e.source.startsWith("jailbreakbench:"));
    const groups = new Set(jbb.map((e) => e.group));
    expect(groups.size).toBeGreaterThan(90);
    expect(groups.size).toBeLessThan(110); // ~100 behaviours across 5 methods and 4 models
  });

  it("is deterministic and reports no label conflicts", () => {
    expect(loadHarmfulResponse(root)).toEqual(examples);
    expect(buildHarmfulResponse(root).stats.conflicts).toBe(0);
  });

  it("fails naming the missing path when the data root is wrong", () => {
    expect(() => loadHarmfulResponse("/nonexistent-data")).toThrow(
      "/nonexistent-data/do-not-answer/data_en.csv",
    );
  });
});

describe("label mappings and parsers", () => {
  it("maps Do-Not-Answer actions to refusal labels", () => {
    expect(dnaRefusal("0", "Misinformation Harms")).toBe(1);
    expect(dnaRefusal("5", "Malicious Uses")).toBe(0);
    expect(dnaRefusal("1", "Malicious Uses")).toBe(1);
    expect(dnaRefusal("1", "Misinformation Harms")).toBe(null);
    expect(dnaRefusal("4", "Information Hazards")).toBe(1);
    expect(dnaRefusal("4", "Human-Chatbot Interaction Harms")).toBe(null);
    expect(dnaRefusal("2", "Malicious Uses")).toBe(null);
    expect(dnaRefusal("3", "Malicious Uses")).toBe(null);
  });

  it("splits TOXIGEN prompt lines into statements, including lost line breaks", () => {
    expect(toxigenStatements("- a b c\\n- d e f\\n-")).toEqual(["a b c", "d e f"]);
    expect(toxigenStatements("- the gypsies, am I right?- all immigrants are criminals\\n-")).toEqual([
      "the gypsies, am I right?",
      "all immigrants are criminals",
    ]);
    expect(splitLostBreaks("a threesome. - Bisexuals are valid")).toEqual([
      "a threesome.",
      "Bisexuals are valid",
    ]);
    // A dash inside a sentence is not a break.
    expect(splitLostBreaks("naked savages - all while")).toEqual(["naked savages - all while"]);
    expect(toxigenClass("hate_asian_1k.txt")).toBe(1);
    expect(toxigenClass("neutral_lgbtq.txt")).toBe(0);
    expect(toxigenClass("LICENSE.txt")).toBe(null);
  });

  it("decodes HTML entities and leaves invalid ones", () => {
    expect(decodeHtmlEntities("a &amp; b &lt;3 &#128514; &#x41;")).toBe("a & b <3 😂 A");
    expect(decodeHtmlEntities("&#9999999; &foo;")).toBe("&#9999999; &foo;");
  });

  it("reads the last assistant turn and measures CJK share", () => {
    expect(lastAssistantTurn("\n\nHuman: hi\n\nAssistant: one\n\nHuman: more\n\nAssistant: two")).toBe(
      " two",
    );
    expect(lastAssistantTurn("no turns")).toBe("");
    expect(cjkShare("abcd")).toBe(0);
    expect(cjkShare("我很抱歉")).toBe(1);
    expect(englishUnlessCjk("TB: 我很抱歉，但我不能 I'm sorry")).toBe(undefined);
    expect(englishUnlessCjk("I'm sorry")).toBe("en");
  });

  it("caps one label with a seeded, reproducible sample", () => {
    const items: Example[] = Array.from({ length: 50 }, (_, i) => ({
      text: `t${i}`,
      label: (i % 2) as 0 | 1,
      source: "s",
    }));
    const a = capLabel(items, 1, 10, "seed");
    expect(a).toHaveLength(10);
    expect(a.every((e) => e.label === 1)).toBe(true);
    expect(capLabel(items, 1, 10, "seed")).toEqual(a);
    expect(capLabel(items, 1, 10, "other")).not.toEqual(a);
    expect(capLabel(items, 0, 100, "seed")).toHaveLength(25);
  });

  it("runs the text scans in linear time", () => {
    const time = (f: () => void): number => {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) f();
      return performance.now() - t0;
    };
    for (const unit of ["&#1234567", "&&&&", ".- ", "?-", "&amp"]) {
      const small = unit.repeat(25_000 / unit.length);
      const large = unit.repeat(200_000 / unit.length);
      decodeHtmlEntities(small);
      splitLostBreaks(small);
      const ts = time(() => {
        decodeHtmlEntities(small);
        splitLostBreaks(small);
      });
      const tl = time(() => {
        decodeHtmlEntities(large);
        splitLostBreaks(large);
      });
      expect(tl, `unit ${unit}`).toBeLessThan(Math.max(ts, 1) * 8 * 4);
    }
    expect(TOXICITY_SOURCE_PATTERNS.length).toBeGreaterThan(0);
  });
});
