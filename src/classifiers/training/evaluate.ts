/**
 * Evaluation of a task: the in-distribution model (train / validation / test split of all sources),
 * cross-source models (each source held out in turn, trained on the others), per-group breakdowns,
 * recall per obfuscation transform, and per-language recall on a multilingual source.
 */
import type { Featurizer } from "../features/featurizer.js";
import type { ViewFeatures } from "../features/types.js";
import { calibrate, topCategory, type ClassifierModel } from "../model/classifier.js";
import { fitClassifier, maxLogit, type FitOptions } from "./fit.js";
import {
  binaryMetrics,
  metricsByGroup,
  pooledHeldOut,
  type BinaryMetrics,
  type HeldOutPoint,
  type PooledHeldOut,
} from "./metrics.js";
import { OBFUSCATIONS, obfuscate } from "./obfuscation.js";
import type { PreparedTask } from "./prepare.js";
import { splitIndices } from "./splits.js";
import { normalize } from "../../text/normalize.js";
import { phraseHits, phraseView, taskPhrases, withPhrase } from "../phrases/task-phrases.js";
import type { Example } from "./types.js";

export function scoreViews(model: ClassifierModel, views: readonly ViewFeatures[]): number {
  return calibrate(model.platt, maxLogit(model.head, views));
}

export interface SourceCount {
  source: string;
  positives: number;
  negatives: number;
}

export interface CrossSourceResult {
  source: string;
  kind: "positive-only" | "negative-only" | "mixed";
  n: number;
  /** The held-out model's own operating threshold (chosen on the other sources' validation data). */
  threshold: number;
  metrics: BinaryMetrics;
}

export interface TransformRecall {
  transform: string;
  n: number;
  recall: number;
}

export interface LanguageRecall {
  lang: string;
  n: number;
  recall: number;
}

/** A source the model never trains, validates or calibrates on, scored by the shipped model. */
export interface UnseenEvaluation {
  source: string;
  n: number;
  /** At the operating threshold. */
  metrics: BinaryMetrics;
  /** At each stored false-positive-rate threshold (as "Thresholds by false-positive rate"). */
  byFpr: { fpr: number; threshold: number; metrics: BinaryMetrics }[];
  /**
   * Recall of its positives per language, at the operating threshold and at 5% validation FPR; for a
   * source with negatives too, the share of them flagged at both.
   */
  byLanguage: {
    lang: string;
    n: number;
    recall: number;
    recallAt5: number;
    negatives?: number;
    fpr?: number;
    fprAt5?: number;
  }[];
}

export interface TaskEvaluation {
  task: string;
  embeddings: boolean;
  sources: SourceCount[];
  split: { train: number; val: number; test: number };
  /** The model trained on the train part of all sources (the one shipped). */
  model: ClassifierModel;
  inDistribution: {
    overall: BinaryMetrics;
    bySource: Record<string, BinaryMetrics>;
    byLanguage: Record<string, BinaryMetrics>;
  };
  /** The test part at each threshold of the model's table by validation false-positive rate. */
  byFpr: { fpr: number; threshold: number; metrics: BinaryMetrics }[];
  crossSource: CrossSourceResult[];
  /** Every held-out score pooled (metrics.ts, pooledHeldOut) at POOLED_FPRS; null without cross-source. */
  crossSourcePooled: PooledHeldOut | null;
  /** Top-1 accuracy of the category heads on test positives that carry a category the heads know. */
  categoryAccuracy: {
    n: number;
    top1: number;
    perCategory: Record<string, { n: number; top1: number }>;
  } | null;
  /** Held-out positives (mostly-ASCII ones), clean and per transform. */
  obfuscation: TransformRecall[] | null;
  /** Per-language recall on each multilingual source, in-distribution test part and held out. */
  languages: { source: string; inDistribution: LanguageRecall[]; heldOut: LanguageRecall[] }[];
  /** The evaluation-only sources (options.evaluationOnly), scored by the shipped model. */
  unseen: UnseenEvaluation[];
  trainMs: number;
}

export interface EvaluateOptions {
  fit: FitOptions;
  splitSeed: number;
  crossSource: boolean;
  /** Evaluate obfuscation robustness (harm, injection). */
  obfuscation: boolean;
  /** Sources whose per-language recall is reported (XSafety for harm). */
  languageSources: readonly string[];
  /**
   * Sources kept out of training, validation and calibration altogether (and out of the cross-source
   * runs), scored only by the shipped model: what it does on a whole source it has never seen.
   */
  evaluationOnly: readonly string[];
  /** At most this many held-out positives per transform. */
  maxObfuscated: number;
  log: (message: string) => void;
}

function sourceCounts(examples: readonly Example[]): SourceCount[] {
  const m = new Map<string, SourceCount>();
  for (const e of examples) {
    let c = m.get(e.source);
    if (!c) m.set(e.source, (c = { source: e.source, positives: 0, negatives: 0 }));
    if (e.label === 1) c.positives++;
    else c.negatives++;
  }
  return [...m.values()].sort((a, b) => a.source.localeCompare(b.source));
}

const toRecord = (m: Map<string, BinaryMetrics>) => Object.fromEntries(m);

function isMostlyAscii(text: string): boolean {
  let ascii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) ascii++;
  return text.length > 0 && ascii / text.length >= 0.9;
}

/** A model's score of example i as the detector reports it: its phrase match (task-phrases.ts) included. */
type ExampleScorer = (model: ClassifierModel, i: number) => number;

/**
 * Per language, the examples of idx with `label` and the share of them scoring at or above threshold
 * (recall for positives, false-positive rate for negatives), languages in order.
 */
function languageRates(
  data: PreparedTask,
  idx: readonly number[],
  label: 0 | 1,
  score: (i: number) => number,
  threshold: number,
): { lang: string; n: number; rate: number }[] {
  const by = new Map<string, { n: number; hit: number }>();
  for (const i of idx) {
    const e = data.examples[i]!;
    if (e.label !== label) continue;
    const lang = e.lang ?? "unknown";
    let r = by.get(lang);
    if (!r) by.set(lang, (r = { n: 0, hit: 0 }));
    r.n++;
    if (score(i) >= threshold) r.hit++;
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lang, r]) => ({ lang, n: r.n, rate: r.hit / r.n }));
}

function languageRecall(
  model: ClassifierModel,
  data: PreparedTask,
  idx: readonly number[],
  scoreOf: ExampleScorer,
  threshold = model.operatingPoint.threshold,
): LanguageRecall[] {
  return languageRates(data, idx, 1, (i) => scoreOf(model, i), threshold).map((l) => ({
    lang: l.lang,
    n: l.n,
    recall: l.rate,
  }));
}

/** Per language, the negatives of idx and the share of them scoring at or above threshold. */
function languageFpr(
  data: PreparedTask,
  idx: readonly number[],
  score: (i: number) => number,
  threshold: number,
): Map<string, { n: number; fpr: number }> {
  return new Map(languageRates(data, idx, 0, score, threshold).map((l) => [l.lang, { n: l.n, fpr: l.rate }]));
}

/** False-positive rates at which the pooled held-out recall is reported (the bar is at 2%). */
export const POOLED_FPRS = [0.01, 0.02, 0.05] as const;

export function evaluateTask(
  task: string,
  data: PreparedTask,
  featurizer: Featurizer,
  options: EvaluateOptions,
): TaskEvaluation {
  const { examples, views } = data;
  const hits = phraseHits(
    task,
    examples.map((e) => e.text),
    normalize,
  );
  const scoreOf: ExampleScorer = (m, i) => withPhrase(scoreViews(m, views[i]!), hits?.[i] === 1);
  const phrases = taskPhrases(task);
  const unseenSources = new Set(options.evaluationOnly);
  const seen = (i: number) => !unseenSources.has(examples[i]!.source);
  const split = splitIndices(examples, options.splitSeed);
  const parts = {
    train: split.train.filter(seen),
    val: split.val.filter(seen),
    test: split.test.filter(seen),
  };
  const t0 = performance.now();
  const fitWithHits = { ...options.fit, phraseHits: hits };
  const model = fitClassifier(task, featurizer.config, examples, views, parts.train, parts.val, fitWithHits);
  const trainMs = performance.now() - t0;
  const threshold = model.operatingPoint.threshold;
  const testScores = parts.test.map((i) => scoreOf(model, i));
  const testLabels = parts.test.map((i) => examples[i]!.label);
  const inDistribution = {
    overall: binaryMetrics(testScores, testLabels, threshold),
    bySource: toRecord(
      metricsByGroup(
        testScores,
        testLabels,
        parts.test.map((i) => examples[i]!.source),
        threshold,
      ),
    ),
    byLanguage: toRecord(
      metricsByGroup(
        testScores,
        testLabels,
        parts.test.map((i) => examples[i]!.lang ?? "unknown"),
        threshold,
      ),
    ),
  };
  const byFpr = (model.operatingPoint.byFpr ?? []).map(({ fpr, threshold: t }) => ({
    fpr,
    threshold: t,
    metrics: binaryMetrics(testScores, testLabels, t),
  }));
  options.log(
    `  ${task}: in-distribution AUC ${inDistribution.overall.auc.toFixed(3)}, recall ${inDistribution.overall.recall.toFixed(3)}, FPR ${inDistribution.overall.fpr.toFixed(3)} (${trainMs.toFixed(0)} ms to fit)`,
  );

  const crossSource: CrossSourceResult[] = [];
  const pooled: HeldOutPoint[] = [];
  const heldOutLanguages = new Map<string, LanguageRecall[]>();
  if (options.crossSource) {
    for (const sc of sourceCounts(examples)) {
      if (unseenSources.has(sc.source)) continue;
      const train = parts.train.filter((i) => examples[i]!.source !== sc.source);
      const val = parts.val.filter((i) => examples[i]!.source !== sc.source);
      const hasBoth = (idx: number[]) =>
        idx.some((i) => examples[i]!.label === 1) && idx.some((i) => examples[i]!.label === 0);
      if (!hasBoth(train) || !hasBoth(val)) continue;
      const held = examples.flatMap((e, i) => (e.source === sc.source ? [i] : []));
      const m = fitClassifier(task, featurizer.config, examples, views, train, val, {
        ...fitWithHits,
        // Category heads do not change the binary score; skip them for speed.
        minCategoryExamples: Number.MAX_SAFE_INTEGER,
      });
      const scores = held.map((i) => scoreOf(m, i));
      const labels = held.map((i) => examples[i]!.label);
      const kind = sc.negatives === 0 ? "positive-only" : sc.positives === 0 ? "negative-only" : "mixed";
      const metrics = binaryMetrics(scores, labels, m.operatingPoint.threshold);
      scores.forEach((score, k) => pooled.push({ score, label: labels[k]!, source: sc.source }));
      crossSource.push({
        source: sc.source,
        kind,
        n: held.length,
        threshold: m.operatingPoint.threshold,
        metrics,
      });
      const shown =
        kind === "negative-only" ? `FPR ${metrics.fpr.toFixed(3)}` : `recall ${metrics.recall.toFixed(3)}`;
      options.log(`  ${task}: held out ${sc.source} (${held.length}): ${shown}`);
      if (options.languageSources.includes(sc.source))
        heldOutLanguages.set(sc.source, languageRecall(m, data, held, scoreOf));
    }
  }

  let categoryAccuracy: TaskEvaluation["categoryAccuracy"] = null;
  const known = model.categoryHeads?.categories ?? [];
  const labelled = parts.test.filter(
    (i) => examples[i]!.label === 1 && known.includes(examples[i]!.category ?? ""),
  );
  if (labelled.length > 0) {
    const perCategory: Record<string, { n: number; top1: number }> = {};
    let hits = 0;
    for (const i of labelled) {
      const truth = examples[i]!.category!;
      const ok = topCategory(model, views[i]![0]!.features)?.category === truth ? 1 : 0;
      hits += ok;
      const c = (perCategory[truth] ??= { n: 0, top1: 0 });
      c.n++;
      c.top1 += ok;
    }
    for (const c of Object.values(perCategory)) c.top1 /= c.n;
    categoryAccuracy = { n: labelled.length, top1: hits / labelled.length, perCategory };
  }

  let obfuscation: TransformRecall[] | null = null;
  if (options.obfuscation) {
    const positives = parts.test
      .filter((i) => examples[i]!.label === 1 && isMostlyAscii(examples[i]!.text))
      .slice(0, options.maxObfuscated);
    const recallOf = (texts: string[]) =>
      texts.filter((t) => {
        const g = normalize(t);
        const best = withPhrase(
          Math.max(...featurizer.featurizeGuardText(g).map((v) => scoreViews(model, [v]))),
          (phrases?.find(phraseView(g).text) ?? null) !== null,
        );
        return best >= threshold;
      }).length / Math.max(1, texts.length);
    const clean = positives.map((i) => examples[i]!.text);
    obfuscation = [{ transform: "none", n: clean.length, recall: recallOf(clean) }];
    for (const how of OBFUSCATIONS) {
      obfuscation.push({
        transform: how,
        n: clean.length,
        recall: recallOf(clean.map((t) => obfuscate(t, how))),
      });
    }
  }

  const unseen: UnseenEvaluation[] = [];
  for (const source of unseenSources) {
    const idx = examples.flatMap((e, i) => (e.source === source ? [i] : []));
    if (idx.length === 0) continue;
    const scores = idx.map((i) => scoreOf(model, i));
    const labels = idx.map((i) => examples[i]!.label);
    const at5 = model.operatingPoint.byFpr?.find((p) => p.fpr === 0.05)?.threshold ?? threshold;
    const recallAt5 = new Map(languageRecall(model, data, idx, scoreOf, at5).map((l) => [l.lang, l.recall]));
    const negAt = languageFpr(data, idx, (i) => scoreOf(model, i), threshold);
    const negAt5 = languageFpr(data, idx, (i) => scoreOf(model, i), at5);
    unseen.push({
      source,
      n: idx.length,
      metrics: binaryMetrics(scores, labels, threshold),
      byFpr: (model.operatingPoint.byFpr ?? []).map(({ fpr, threshold: t }) => ({
        fpr,
        threshold: t,
        metrics: binaryMetrics(scores, labels, t),
      })),
      byLanguage: languageRecall(model, data, idx, scoreOf).map((l) => {
        const neg = negAt.get(l.lang);
        return {
          ...l,
          recallAt5: recallAt5.get(l.lang) ?? 0,
          ...(neg ? { negatives: neg.n, fpr: neg.fpr, fprAt5: negAt5.get(l.lang)?.fpr ?? 0 } : {}),
        };
      }),
    });
    options.log(
      `  ${task}: never trained on ${source} (${idx.length}): recall ${unseen.at(-1)!.metrics.recall.toFixed(3)}`,
    );
  }

  const languages: TaskEvaluation["languages"] = [];
  for (const source of options.languageSources) {
    const inTest = parts.test.filter((i) => examples[i]!.source === source);
    const heldOut = heldOutLanguages.get(source) ?? [];
    if (inTest.length > 0 || heldOut.length > 0)
      languages.push({ source, inDistribution: languageRecall(model, data, inTest, scoreOf), heldOut });
  }

  return {
    task,
    embeddings: featurizer.config.embeddings && model.head.dense !== null,
    sources: sourceCounts(examples),
    split: { train: parts.train.length, val: parts.val.length, test: parts.test.length },
    model,
    inDistribution,
    byFpr,
    crossSource,
    crossSourcePooled: crossSource.length > 0 ? pooledHeldOut(pooled, POOLED_FPRS) : null,
    categoryAccuracy,
    obfuscation,
    languages,
    unseen,
    trainMs,
  };
}
