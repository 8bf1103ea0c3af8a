/**
 * Loads the committed classifier weights (weights/<task>.bin), lazily, once per task, together with the
 * featuriser they need (the static embedding table is loaded on first use too).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getEmbeddings, loadEmbeddings, type LoadedEmbeddings } from "../embeddings/index.js";
import { classifierAssetDir } from "./asset-dir.js";
import { Featurizer, type TextEmbedder } from "../features/featurizer.js";
import type { FeatureConfig } from "../features/types.js";
import type { ClassifierModel } from "./classifier.js";
import { parseModel } from "./weights-format.js";

export function weightsPath(task: string): string {
  try {
    return fileURLToPath(new URL(`${task}.bin`, classifierAssetDir("weights/", `${task}.bin`)));
  } catch (err) {
    throw new Error(`no weights for classifier "${task}": ${(err as Error).message}; run npm run train`, {
      cause: err,
    });
  }
}

let fallbackEmbeddings: LoadedEmbeddings | undefined;

/** The shared embedding table; from the source tree when the build has not copied it next to the code. */
export function sharedEmbeddings(): LoadedEmbeddings {
  const dir = classifierAssetDir("embeddings/weights/", "vectors.bin");
  if (dir.href === new URL("../embeddings/weights/", import.meta.url).href) return getEmbeddings();
  fallbackEmbeddings ??= loadEmbeddings(dir);
  return fallbackEmbeddings;
}

export interface LoadedClassifier {
  model: ClassifierModel;
  featurizer: Featurizer;
  bytes: number;
  loadMs: number;
}

/** The shared static embedder when the config pools embeddings, else null. */
export function embedderFor(config: FeatureConfig): TextEmbedder | null {
  return config.embeddings ? sharedEmbeddings().embedder : null;
}

const featurizers = new Map<string, Featurizer>();

/** One featuriser per feature config, shared by the models that use it (its buffers are large). */
export function featurizerFor(config: FeatureConfig): Featurizer {
  const key = JSON.stringify(config);
  let f = featurizers.get(key);
  if (!f) {
    f = new Featurizer(config, embedderFor(config));
    featurizers.set(key, f);
  }
  return f;
}

/** Loads a weights file (not cached). */
export function loadClassifierFile(path: string): LoadedClassifier {
  const t0 = performance.now();
  const buf = readFileSync(path);
  const model = parseModel(buf);
  const featurizer = featurizerFor(model.features);
  return { model, featurizer, bytes: buf.length, loadMs: performance.now() - t0 };
}

const cache = new Map<string, LoadedClassifier>();

/** The committed classifier for a task, loaded on first call and kept. */
export function getClassifier(task: string): LoadedClassifier {
  let c = cache.get(task);
  if (!c) {
    c = loadClassifierFile(weightsPath(task));
    cache.set(task, c);
  }
  return c;
}
