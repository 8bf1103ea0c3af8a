/**
 * Scores a normalised text with a classifier: the main text and each payload view (decoded,
 * tag-smuggled) are scored separately and the highest wins, so a request hidden in base64 scores as
 * if written plainly. Features are computed once per text and shared by every classifier that uses
 * the same feature config (the five built-in models do).
 */
import type { Featurizer } from "../features/featurizer.js";
import type { FeatureConfig, ViewFeatures } from "../features/types.js";
import type { GuardText } from "../../text/types.js";
import { calibrate, type ClassifierModel } from "./classifier.js";
import { headLogit } from "./linear-head.js";

const featureCache = new WeakMap<GuardText, Map<string, ViewFeatures[]>>();

function configKey(c: FeatureConfig): string {
  return JSON.stringify(c);
}

const keys = new WeakMap<FeatureConfig, string>();

/** The features of every scored view of `text`, cached per text and feature config. */
export function viewFeatures(text: GuardText, featurizer: Featurizer): ViewFeatures[] {
  let key = keys.get(featurizer.config);
  if (key === undefined) {
    key = configKey(featurizer.config);
    keys.set(featurizer.config, key);
  }
  let byConfig = featureCache.get(text);
  if (!byConfig) featureCache.set(text, (byConfig = new Map<string, ViewFeatures[]>()));
  let views = byConfig.get(key);
  if (!views) {
    views = featurizer.featurizeGuardText(text);
    byConfig.set(key, views);
  }
  return views;
}

export interface TextScore {
  /** Calibrated score of the best view. */
  score: number;
  /** The best view. */
  best: ViewFeatures;
}

export function scoreText(model: ClassifierModel, views: readonly ViewFeatures[]): TextScore {
  let bestZ = -Infinity;
  let best = views[0]!;
  for (const v of views) {
    const z = headLogit(model.head, v.features);
    if (z > bestZ) {
      bestZ = z;
      best = v;
    }
  }
  return { score: calibrate(model.platt, bestZ), best };
}
