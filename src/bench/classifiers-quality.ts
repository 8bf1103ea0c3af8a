/**
 * Benchmark of the five trained classifiers: quality in-distribution and cross-source (each source
 * held out), with and without the distilled embeddings (so their gain is measured), per-language
 * recall for harm on XSafety, recall per obfuscation transform, and latency per call of the committed
 * models on 200-character and 2 KB texts, weights size and load time. It retrains (minutes); `quick`
 * caps each source harder and skips the cross-source runs without embeddings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { classifierDetector } from "../classifiers/detectors.js";
import { Featurizer } from "../classifiers/features/featurizer.js";
import { createNgramWriter } from "../classifiers/features/ngram-blocks.js";
import { featureTexts } from "../classifiers/features/views.js";
import {
  embedderFor,
  loadClassifierFile,
  sharedEmbeddings,
  weightsPath,
  type LoadedClassifier,
} from "../classifiers/model/load.js";
import { scoreText, viewFeatures } from "../classifiers/model/score-text.js";
import { TASK_LOADERS } from "../classifiers/training/datasets/index.js";
import { evaluateTask, type TaskEvaluation } from "../classifiers/training/evaluate.js";
import type { BinaryMetrics } from "../classifiers/training/metrics.js";
import { capPerSource, prepareTask } from "../classifiers/training/prepare.js";
import {
  CAP_PER_SOURCE,
  SPLIT_SEED,
  TASK_SETTINGS,
  featureConfig,
  fitOptions,
} from "../classifiers/training/task-settings.js";
import { TASKS, type Task } from "../classifiers/training/types.js";
import { defaultDetectorSettings } from "../policy/detector-settings.js";
import { normalize } from "../text/normalize.js";
import type { GuardText } from "../text/types.js";
import { fmtUs, percentile, type LatencyStats } from "./timing.js";
import type { BenchModule } from "./types.js";

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "n/a");
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");

interface TaskResult {
  task: Task;
  withEmb: TaskEvaluation;
  withoutEmb: TaskEvaluation;
}

function qualityRow(task: string, variant: string, m: BinaryMetrics, threshold: number): string {
  return `| ${task} | ${variant} | ${m.n} | ${pct(m.precision)} | ${pct(m.recall)} | ${num(m.f1)} | ${pct(m.fpr)} | ${num(m.auc)} | ${pct(m.recallAt1Fpr)} | ${threshold.toFixed(3)} |`;
}

function crossSourceMetric(kind: string, m: BinaryMetrics): string {
  if (kind === "positive-only") return `recall ${pct(m.recall)}`;
  if (kind === "negative-only") return `FPR ${pct(m.fpr)}`;
  return `R ${pct(m.recall)} / FPR ${pct(m.fpr)} / AUC ${num(m.auc)}`;
}

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

/** Times fn over fresh normalised texts (features are cached per text, so each call featurises anew). */
function timeOverTexts(
  texts: readonly string[],
  iterations: number,
  fn: (t: GuardText) => unknown,
): LatencyStats {
  const pool: GuardText[] = [];
  for (let i = 0; i < iterations + 50; i++) pool.push(normalize(texts[i % texts.length]!));
  let k = 0;
  return timeOverGuardTexts(() => pool[k++]!, iterations, fn);
}

/** Times fn on `iterations` texts from next() after 50 warm-up calls. */
function timeOverGuardTexts(
  next: () => GuardText,
  iterations: number,
  fn: (t: GuardText) => unknown,
): LatencyStats {
  for (let i = 0; i < 50; i++) fn(next());
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

export const run: BenchModule = async (ctx) => {
  const cap = ctx.quick ? 600 : CAP_PER_SOURCE;
  const results: TaskResult[] = [];
  for (const task of TASKS) {
    ctx.log(`classifiers: ${task}: loading and featurising`);
    const fit = fitOptions(true);
    const examples = capPerSource(TASK_LOADERS[task](ctx.dataDir), cap, fit.train.seed);
    const config = featureConfig(true);
    const featurizer = new Featurizer(config, embedderFor(config));
    const log = (m: string) => ctx.log(m);
    const data = prepareTask(examples, featurizer, log);
    const settings = TASK_SETTINGS[task];
    const common = { splitSeed: SPLIT_SEED, maxObfuscated: ctx.quick ? 100 : 500, log };
    const withEmb = evaluateTask(task, data, featurizer, {
      ...common,
      fit,
      crossSource: true,
      obfuscation: settings.obfuscation,
      languageSource: settings.languageSource,
    });
    ctx.log(`classifiers: ${task}: without embeddings`);
    const withoutEmb = evaluateTask(task, data, featurizer, {
      ...common,
      fit: fitOptions(false),
      crossSource: !ctx.quick,
      obfuscation: settings.obfuscation,
      languageSource: settings.languageSource,
    });
    results.push({ task, withEmb, withoutEmb });
    await new Promise((r) => setImmediate(r));
  }

  const md: string[] = [];
  md.push(
    "Five linear classifiers (hashed word and character n-grams + the distilled static embedding), trained by `npm run train`. " +
      `Data: the task loaders in src/classifiers/training/datasets over the shared datasets (at most ${cap} examples per source and label); ` +
      `group-aware seeded split (70/15/15); thresholds at 1% FPR on validation negatives. Run: \`npm run bench -- --only classifiers-quality\`${ctx.quick ? " (quick run)" : ""}.`,
    "",
    "### In-distribution (test part)",
    "",
    "| model | features | n | precision | recall | F1 | FPR | ROC-AUC | recall @1% FPR | threshold |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const r of results) {
    md.push(
      qualityRow(
        r.task,
        "n-grams + embedding",
        r.withEmb.inDistribution.overall,
        r.withEmb.model.operatingPoint.threshold,
      ),
    );
    md.push(
      qualityRow(
        r.task,
        "n-grams only",
        r.withoutEmb.inDistribution.overall,
        r.withoutEmb.model.operatingPoint.threshold,
      ),
    );
  }
  md.push("", "### Cross-source (each source held out: trained and calibrated on the others)", "");
  md.push(
    "Positive-only sources report recall at the held-out model's threshold, negative-only sources their FPR, mixed sources recall / FPR / AUC.",
    "",
    "| model | held-out source | kind | n | with embedding | n-grams only |",
    "|---|---|---|---|---|---|",
  );
  for (const r of results) {
    for (const c of r.withEmb.crossSource) {
      const other = r.withoutEmb.crossSource.find((o) => o.source === c.source);
      md.push(
        `| ${r.task} | ${c.source} | ${c.kind} | ${c.n} | ${crossSourceMetric(c.kind, c.metrics)} | ${other ? crossSourceMetric(c.kind, other.metrics) : "—"} |`,
      );
    }
  }
  md.push(
    "",
    "Mean over held-out sources:",
    "",
    "| model | features | mean recall (sources with positives) | mean FPR (sources with negatives) |",
    "|---|---|---|---|",
  );
  for (const r of results) {
    for (const [variant, ev] of [
      ["n-grams + embedding", r.withEmb],
      ["n-grams only", r.withoutEmb],
    ] as const) {
      if (ev.crossSource.length === 0) continue;
      const pos = ev.crossSource.filter((c) => c.kind !== "negative-only").map((c) => c.metrics.recall);
      const neg = ev.crossSource.filter((c) => c.kind !== "positive-only").map((c) => c.metrics.fpr);
      const mean = (a: number[]) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : NaN);
      md.push(`| ${r.task} | ${variant} | ${pct(mean(pos))} | ${pct(mean(neg))} |`);
    }
  }

  const harm = results.find((r) => r.task === "harm");
  if (harm?.withEmb.languages) {
    const l = harm.withEmb.languages;
    const lo = harm.withoutEmb.languages;
    md.push("", `### Harm: recall by language on ${l.source}`, "");
    md.push(
      "| language | n | in-distribution | held out (with embedding) | held out (n-grams only) |",
      "|---|---|---|---|---|",
    );
    for (const a of l.inDistribution) {
      const b = l.heldOut.find((x) => x.lang === a.lang);
      const c = lo?.heldOut.find((x) => x.lang === a.lang);
      md.push(
        `| ${a.lang} | ${a.n} | ${pct(a.recall)} | ${b ? pct(b.recall) : "—"} | ${c ? pct(c.recall) : "—"} |`,
      );
    }
  }

  md.push("", "### Obfuscation robustness (held-out mostly-ASCII positives, recall at the threshold)", "");
  md.push("| model | transform | n | with embedding | n-grams only |", "|---|---|---|---|---|");
  for (const r of results) {
    for (const o of r.withEmb.obfuscation ?? []) {
      const other = r.withoutEmb.obfuscation?.find((x) => x.transform === o.transform);
      md.push(
        `| ${r.task} | ${o.transform} | ${o.n} | ${pct(o.recall)} | ${other ? pct(other.recall) : "—"} |`,
      );
    }
  }
  md.push(
    "",
    "Translation is measured by the multilingual sources (XSafety, XQuAD, the contrast sets), not by a transform.",
  );

  // Latency of the committed models.
  md.push("", "### Latency and size of the committed models", "");
  const iterations = ctx.quick ? 300 : 2000;
  const short = timingTexts(ctx.dataDir, 200, 400);
  const long = timingTexts(ctx.dataDir, 2048, 400);
  const emb = sharedEmbeddings();
  const lines: string[] = [];
  const dctx = { stage: "input" as const, settings: defaultDetectorSettings() };
  let first: LoadedClassifier | undefined;
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
    const score = (g: GuardText) => scoreText(loaded.model, viewFeatures(g, loaded.featurizer)).score;
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
    `Each per-model row featurises a fresh normalised text and scores it (normalisation itself is shared by every detector and not counted; caches that outlive a text, such as the tokenizer's word segmentations, are warm, as in a running service). ` +
      `The "all five" row runs the five detectors on the same text: features are computed once and shared; the amortised row is that time divided by five. ` +
      `The static embedding table is loaded once per process (${emb.loadMs.toFixed(0)} ms, ${emb.meta.rows} rows). Texts: Wikipedia sample, cut to length.`,
  );
  if (first) md.push("", ...latencyBreakdown(first, long, iterations));
  return {
    title: "Trained classifiers: quality, cross-source, robustness, latency",
    markdown: md.join("\n"),
  };
};
