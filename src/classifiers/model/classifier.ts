/**
 * A trained classifier: the feature config it was trained with, a main head calibrated by Platt
 * scaling (score = sigmoid(a * logit + b)), the operating threshold chosen on validation data, and for
 * tasks with categories (harm) one-vs-rest category heads.
 */
import type { FeatureConfig, FeatureVector } from "../features/types.js";
import { headLogit, sigmoid, type LinearHead } from "./linear-head.js";
import type { FprThreshold } from "./operating-point.js";

export interface Platt {
  a: number;
  b: number;
}

export interface OperatingPoint {
  /** Calibrated-score threshold: a text scoring at or above it is flagged. */
  threshold: number;
  /** How it was chosen, e.g. "1% FPR on held-out negatives". */
  name: string;
  /** The target false-positive rate on validation negatives. */
  targetFpr: number;
  /** Thresholds at the rates of FPR_GRID (operating-point.ts), for a policy's `fpr`; absent in older files. */
  byFpr?: FprThreshold[];
}

export interface CategoryHeads {
  categories: string[];
  heads: LinearHead[];
}

export interface ClassifierModel {
  task: string;
  version: number;
  features: FeatureConfig;
  head: LinearHead;
  platt: Platt;
  operatingPoint: OperatingPoint;
  categoryHeads: CategoryHeads | null;
  /** Free-form facts recorded at training time (seed, counts, embeddings meta). */
  info: Record<string, unknown>;
}

export function calibrate(platt: Platt, logit: number): number {
  return sigmoid(platt.a * logit + platt.b);
}

/** Calibrated score of one feature vector. */
export function scoreFeatures(model: ClassifierModel, x: FeatureVector): number {
  return calibrate(model.platt, headLogit(model.head, x));
}

export interface CategoryGuess {
  category: string;
  /** The head's probability for that category (one-vs-rest, class-balanced). */
  probability: number;
}

/** The most likely category by the category heads, or null when the model has none. */
export function topCategory(model: ClassifierModel, x: FeatureVector): CategoryGuess | null {
  const ch = model.categoryHeads;
  if (!ch || ch.heads.length === 0) return null;
  let best = -Infinity;
  let bestK = 0;
  for (let k = 0; k < ch.heads.length; k++) {
    const z = headLogit(ch.heads[k]!, x);
    if (z > best) {
      best = z;
      bestK = k;
    }
  }
  return { category: ch.categories[bestK]!, probability: sigmoid(best) };
}
