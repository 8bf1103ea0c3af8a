/**
 * Benchmark of the static embedder: load time, and embed latency on 2 KB texts in several
 * languages (XQuAD paragraphs), cold (no word's segmentation cached) and warm (all cached).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchModule } from "../../bench/types.js";
import { fmtUs, measure } from "../../bench/timing.js";
import { loadEmbeddings } from "./index.js";

type LangScores = Record<string, number>;
interface Evaluation {
  xquadQuestionRetrievalTop1?: Record<string, LangScores>;
  xquadHeldOutQuestionRetrievalTop1?: Record<string, LangScores>;
  teacherAgreementSpearman?: Record<string, number>;
}

/** The quality figures distill.py measured and recorded in meta.json (a teacher pass is too slow here). */
function qualityRows(): string[] {
  const meta = JSON.parse(readFileSync(new URL("./weights/meta.json", import.meta.url), "utf8")) as {
    evaluation?: Evaluation;
  };
  const e = meta.evaluation ?? {};
  const tables = Object.keys(e.xquadHeldOutQuestionRetrievalTop1 ?? e.xquadQuestionRetrievalTop1 ?? {});
  if (tables.length === 0) return [];
  const f = (x: number | undefined) => (x === undefined ? "—" : x.toFixed(3));
  return [
    "",
    "Quality, measured by `python training/distill/distill.py` (recorded in weights/meta.json): XQuAD question retrieval top-1, 11 languages → English (held out: questions of the articles the tuning never saw), and Spearman agreement with the teacher's cosines on 3,000 texts.",
    "",
    "| table | XQuAD held out, mean | XQuAD all, mean | agreement with teacher |",
    "|---|---|---|---|",
    ...tables.map(
      (t) =>
        `| ${t} | ${f(e.xquadHeldOutQuestionRetrievalTop1?.[t]?.mean)} | ${f(e.xquadQuestionRetrievalTop1?.[t]?.mean)} | ${f(e.teacherAgreementSpearman?.[t])} |`,
    ),
  ];
}

const LANGUAGES: Record<string, string> = {
  en: "English",
  de: "German",
  es: "Spanish",
  ru: "Russian",
  zh: "Chinese",
  ar: "Arabic",
  hi: "Hindi",
  th: "Thai",
};

interface XquadFile {
  data: { paragraphs: { context: string }[] }[];
}

/** 2,048 characters of XQuAD Wikipedia paragraphs per language (shared datasets, read in place). */
function samples(dataDir: string): { label: string; text: string }[] {
  return Object.entries(LANGUAGES).map(([code, label]) => {
    const doc = JSON.parse(readFileSync(join(dataDir, "xquad", `xquad.${code}.json`), "utf8")) as XquadFile;
    let text = "";
    for (const article of doc.data) {
      for (const p of article.paragraphs) {
        if (text.length >= 2048) break;
        text += p.context + " ";
      }
    }
    return { label: `${label} (2 KB)`, text: text.slice(0, 2048) };
  });
}

export const run: BenchModule = async (ctx) => {
  const loads: number[] = [];
  for (let i = 0; i < (ctx.quick ? 1 : 3); i++) loads.push(loadEmbeddings().loadMs);
  const { embedder, meta } = loadEmbeddings();
  const iterations = ctx.quick ? 200 : 2000;
  const coldRuns = ctx.quick ? 50 : 300;
  const rows: string[] = [];
  const cases = [
    ...samples(ctx.dataDir),
    {
      label: "short prompt (English)",
      text: "How do I reset my password if I no longer have access to my email account?",
    },
  ];
  for (const s of cases) {
    const warm = await measure(() => embedder.embed(s.text), { iterations, warmup: 100 });
    // Cold: variants built beforehand, each word altered (a per-variant suffix) so that
    // no word's segmentation is in the cache when it is embedded.
    const words = s.text.split(" ");
    const variants = Array.from({ length: coldRuns + 20 }, (_, k) => words.map((w) => `${w}${k}`).join(" "));
    let k = 0;
    const cold = await measure(() => embedder.embed(variants[k++]!), { iterations: coldRuns, warmup: 20 });
    rows.push(
      `| ${s.label} | ${s.text.length} | ${embedder.tokenize(s.text).length} | ${fmtUs(warm.medianUs)} | ${fmtUs(warm.p99Us)} | ${fmtUs(cold.medianUs)} | ${fmtUs(cold.p99Us)} |`,
    );
    ctx.log(`embeddings ${s.label}: warm median ${fmtUs(warm.medianUs)} us`);
  }
  loads.sort((a, b) => a - b);
  const markdown = [
    `Static embeddings distilled from ${meta.teacher.name} (${meta.dims} dims, ${meta.rows} rows, vocabulary ${meta.vocabSize}).`,
    `Load (read + parse + index, once per process): median ${loads[Math.floor(loads.length / 2)]!.toFixed(0)} ms.`,
    "",
    "| text | chars | tokens pooled | warm median µs | warm p99 µs | cold median µs | cold p99 µs |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Texts: the first 2,048 characters of XQuAD's Wikipedia paragraphs (shared datasets, xquad/) per language, and one short English prompt. " +
      "Warm: the same text again (every word's segmentation cached). Cold: each word altered per call, so every word is segmented.",
    ...qualityRows(),
  ].join("\n");
  return { title: "Static embeddings (distilled multilingual-e5-small)", markdown };
};
