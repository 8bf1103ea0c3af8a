/**
 * Latency, weights size and load time of the committed classifiers: per model on 200-character and
 * 2 KB texts, all five sharing features, and where the time of one 2 KB text goes. Separate from
 * classifiers-quality (which retrains for minutes) so that it can be re-run on a quiet machine.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { classifierDetector } from "../classifiers/detectors.js";
import { createNgramWriter } from "../classifiers/features/ngram-blocks.js";
import { featureTexts } from "../classifiers/features/views.js";
import {
  embedderFor,
  loadClassifierFile,
  sharedEmbeddings,
  weightsPath,
  type LoadedClassifier,
} from "../classifiers/model/load.js";
import { scoreText } from "../classifiers/model/score-text.js";
import { TASKS } from "../classifiers/training/types.js";
import { defaultDetectorSettings } from "../policy/detector-settings.js";
import { normalize } from "../text/normalize.js";
import type { GuardText } from "../text/types.js";
import type { Finding } from "../detectors/types.js";
import { fmtUs, percentile, type LatencyStats } from "./timing.js";
import type { BenchModule } from "./types.js";

/** Benign texts to time on: Wikipedia sample words joined to length. */
function timingTexts(dataDir: string, length: number, count: number): string[] {
  const file = join(dataDir, "wikipedia-articles-sample", "wiki_demo.txt");
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    source =
      "The committee reviewed the proposal and asked for a revised budget before the next meeting. ".repeat(
        500,
      );
  }
  const words = source.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let w = 0;
  for (let k = 0; k < count; k++) {
    let t = "";
    while (t.length < length) t += `${words[w++ % words.length]} `;
    out.push(t.slice(0, length));
  }
  return out;
}

/** Untimed calls before each timing: enough for every JIT tier to settle on the path measured. */
const WARMUP = 2000;

function stats(samples: Float64Array): LatencyStats {
  samples.sort();
  let sum = 0;
  for (const s of samples) sum += s;
  return {
    n: samples.length,
    medianUs: percentile(samples, 50),
    p99Us: percentile(samples, 99),
    meanUs: sum / samples.length,
  };
}

/**
 * Times fn over fresh normalised texts (features are cached per text, so each call featurises anew). Each
 * text is normalised just before its call, outside the timed span, and dropped after it, as in a running
 * guard: holding thousands of texts and their cached features alive would time the garbage collector.
 */
function timeOverTexts(
  texts: readonly string[],
  iterations: number,
  fn: (t: GuardText) => unknown,
): LatencyStats {
  let k = 0;
  return timeOverGuardTexts(() => normalize(texts[k++ % texts.length]!), iterations, fn);
}

/** Times fn on `iterations` texts from next() after WARMUP warm-up calls. */
function timeOverGuardTexts(
  next: () => GuardText,
  iterations: number,
  fn: (t: GuardText) => unknown,
): LatencyStats {
  for (let i = 0; i < WARMUP; i++) fn(next());
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const g = next();
    const t0 = process.hrtime.bigint();
    fn(g);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return stats(samples);
}

/** Where the time of one fresh 2 KB text goes: each stage timed alone over the same texts. */
function latencyBreakdown(c: LoadedClassifier, texts: readonly string[], iterations: number): string[] {
  const config = c.featurizer.config;
  const maxEmbedChars = Math.min(config.maxChars, 8 * config.embedMaxTokens);
  const ngrams = createNgramWriter(config);
  const embedder = embedderFor(config);
  const dense = new Float32Array(embedder?.dims ?? 0);
  const stages: [string, (g: GuardText) => unknown][] = [
    ["featurise (all blocks, main view and payload views)", (g) => c.featurizer.featurizeGuardText(g)],
    [
      `  word and character n-grams (${ngrams.kernel === "wasm" ? "WebAssembly" : "JavaScript"})`,
      (g) => {
        const t = featureTexts(g, maxEmbedChars);
        return ngrams.write(t.words, t.chars, 0);
      },
    ],
  ];
  if (embedder) {
    const kernel = sharedEmbeddings().embedder.kernel === "simd" ? "WebAssembly SIMD" : "scalar";
    stages.push([
      `  embedding: tokenise ${config.embedMaxTokens} tokens at most, pool (${kernel})`,
      (g) => {
        const t = featureTexts(g, maxEmbedChars);
        embedder.embedInto(t.embed, t.embedEnd, config.embedMaxTokens, dense);
      },
    ]);
  }
  const pool = texts.slice(0, 400).map((t) => normalize(t));
  const featured = new Map(pool.map((g) => [g, c.featurizer.featurizeGuardText(g)]));
  stages.push([
    `score one model (${c.model.task}: dot product, calibration)`,
    (g) => scoreText(c.model, featured.get(g)!),
  ]);
  const rows = stages.map(([label, fn]) => {
    let k = 0;
    const st = timeOverGuardTexts(() => pool[k++ % pool.length]!, iterations, fn);
    return `| ${label} | ${fmtUs(st.medianUs)} | ${fmtUs(st.p99Us)} |`;
  });
  return [
    "Where the time of one 2 KB text goes (each stage timed alone over the same fresh texts):",
    "",
    "| stage | median µs | p99 µs |",
    "|---|---|---|",
    ...rows,
  ];
}

export const run: BenchModule = (ctx) => {
  const md: string[] = [];
  const iterations = ctx.quick ? 300 : 2000;
  const short = timingTexts(ctx.dataDir, 200, 400);
  const long = timingTexts(ctx.dataDir, 2048, 400);
  const emb = sharedEmbeddings();
  const lines: string[] = [];
  const dctx = { stage: "input" as const, settings: defaultDetectorSettings() };
  let first: LoadedClassifier | undefined;
  // Warm the whole path once (JIT tiers, the tokenizer's word cache) before any model is timed, so the
  // first model measured does not pay for the others: a running service is warm.
  const warm = TASKS.map((t) => classifierDetector(t, { stages: ["input"] }));
  for (const text of [...short, ...long, ...short, ...long]) {
    const g = normalize(text);
    for (const d of warm) void d.detect(g, dctx);
  }
  for (const task of TASKS) {
    let file: string;
    try {
      file = weightsPath(task);
    } catch {
      lines.push(`| ${task} | — | — | — | — | — | (no committed weights) |`);
      continue;
    }
    const loaded = loadClassifierFile(file);
    first ??= loaded;
    // The detector's own path (a task's phrase rules included) at its operating threshold, on this file's
    // model. (At threshold 0 every text would be a finding, and harm's would also run its category heads.)
    const detector = classifierDetector(task, { stages: ["input"], load: () => loaded });
    const score = (g: GuardText) => (detector.detect(g, dctx) as Finding[]).length;
    const s200 = timeOverTexts(short, iterations, score);
    const s2k = timeOverTexts(long, iterations, score);
    lines.push(
      `| ${task} | ${fmtUs(s200.medianUs)} | ${fmtUs(s200.p99Us)} | ${fmtUs(s2k.medianUs)} | ${fmtUs(s2k.p99Us)} | ${(loaded.bytes / 1024).toFixed(0)} | ${loaded.loadMs.toFixed(1)} |`,
    );
    ctx.log(`classifiers: ${task}: 2 KB median ${fmtUs(s2k.medianUs)} us`);
  }
  const detectors = TASKS.map((t) => classifierDetector(t, { stages: ["input"] }));
  const all = (g: GuardText) => {
    for (const d of detectors) void d.detect(g, dctx);
  };
  const all200 = timeOverTexts(short, iterations, all);
  const all2k = timeOverTexts(long, iterations, all);
  const fifth = (x: number) => fmtUs(x / detectors.length);
  md.push(
    "| model | 200 chars median µs | p99 µs | 2 KB median µs | p99 µs | weights KiB | load ms |",
    "|---|---|---|---|---|---|---|",
    ...lines,
    `| all five detectors on one text (features shared) | ${fmtUs(all200.medianUs)} | ${fmtUs(all200.p99Us)} | ${fmtUs(all2k.medianUs)} | ${fmtUs(all2k.p99Us)} | | |`,
    `| per model, amortised over the five | ${fifth(all200.medianUs)} | ${fifth(all200.p99Us)} | ${fifth(all2k.medianUs)} | ${fifth(all2k.p99Us)} | | |`,
    "",
    `Each per-model row runs the detector on a fresh normalised text: features, score and the task's phrase rules (refusal, injection), at the operating threshold, which these texts stay under (normalisation itself is shared by every detector and not counted; caches that outlive a text, such as the tokenizer's word segmentations, are warm, as in a running service). ` +
      `The "all five" row runs the five detectors on the same text: features are computed once and shared; the amortised row is that time divided by five. ` +
      `The static embedding table is loaded once per process (${emb.loadMs.toFixed(0)} ms, ${emb.meta.rows} rows). Texts: Wikipedia sample, cut to length.`,
  );
  if (first) md.push("", ...latencyBreakdown(first, long, iterations));
  return Promise.resolve({
    title: "Trained classifiers: latency, weights size, load time",
    markdown: md.join("\n"),
  });
};
