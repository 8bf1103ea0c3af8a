/**
 * Benchmark of the static embedder: load time, and embed latency on 2 KB texts in several
 * languages, cold (fresh word cache: every word is segmented) and warm (words cached).
 */
import { readFileSync } from "node:fs";
import type { BenchModule } from "../../bench/types.js";
import { fmtUs, measure } from "../../bench/timing.js";
import { loadEmbeddings } from "./index.js";

interface Sample {
  label: string;
  text: string;
}

/** 2 KB texts built from the fixture's hand-written sentences of one script. */
function samples(): Sample[] {
  const fixture = JSON.parse(
    readFileSync(new URL("./fixtures/tokenizer-cases.json", import.meta.url), "utf8"),
  ) as { cases: { text: string }[] };
  const pick = (label: string, re: RegExp): Sample => {
    const parts = fixture.cases.map((c) => c.text).filter((t) => re.test(t) && t.length > 20 && t.length < 400);
    let text = "";
    for (let i = 0; text.length < 2048; i++) text += parts[i % parts.length] + " ";
    return { label, text: text.slice(0, 2048) };
  };
  return [
    pick("Latin script (en/de/fr/es...)", /^[\p{sc=Latin}\p{P}\p{N}\s]+$/u),
    pick("Cyrillic", /\p{sc=Cyrillic}/u),
    pick("CJK", /\p{sc=Han}|\p{sc=Hiragana}|\p{sc=Hangul}/u),
    pick("Arabic/Indic/Thai", /\p{sc=Arabic}|\p{sc=Devanagari}|\p{sc=Thai}/u),
  ];
}

export const run: BenchModule = async (ctx) => {
  const loads: number[] = [];
  for (let i = 0; i < (ctx.quick ? 1 : 3); i++) loads.push(loadEmbeddings().loadMs);
  const { embedder, meta } = loadEmbeddings();
  const iterations = ctx.quick ? 200 : 2000;
  const rows: string[] = [];
  for (const s of samples()) {
    const warm = await measure(() => embedder.embed(s.text), { iterations, warmup: 100 });
    // Cold: a fresh embedder per call would also re-load; instead vary the words so that
    // none is cached (appending a counter to every word).
    let k = 0;
    const words = s.text.split(" ");
    const cold = await measure(() => embedder.embed(words.map((w) => `${w}${k}`).join(" ") + String(k++)), {
      iterations: Math.min(iterations, 300),
      warmup: 20,
    });
    rows.push(
      `| ${s.label} | ${embedder.tokenize(s.text).length} | ${fmtUs(warm.medianUs)} | ${fmtUs(warm.p99Us)} | ${fmtUs(cold.medianUs)} | ${fmtUs(cold.p99Us)} |`,
    );
    ctx.log(`embeddings ${s.label}: warm median ${fmtUs(warm.medianUs)} us`);
  }
  loads.sort((a, b) => a - b);
  const markdown = [
    `Static embeddings distilled from ${meta.teacher.name} (${meta.dims} dims, ${meta.rows} rows, vocabulary ${meta.vocabSize}).`,
    `Load (read + parse + index, once per process): median ${loads[Math.floor(loads.length / 2)]!.toFixed(0)} ms.`,
    "",
    "| 2 KB text | tokens pooled | warm median µs | warm p99 µs | cold median µs | cold p99 µs |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    "Texts: the hand-written multilingual sentences of src/classifiers/embeddings/fixtures, repeated to 2,048 characters. " +
      "Warm: the same text again (every word's segmentation cached). Cold: each word altered per call, so every word is segmented.",
  ].join("\n");
  return { title: "Static embeddings (distilled multilingual-e5-small)", markdown };
};
