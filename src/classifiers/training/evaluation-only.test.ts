/** evaluateTask's evaluation-only sources: never trained, validated or calibrated on; scored by the final model. */
import { describe, expect, it } from "vitest";
import { Featurizer } from "../features/featurizer.js";
import { evaluateTask, type EvaluateOptions } from "./evaluate.js";
import { prepareTask } from "./prepare.js";
import { featureConfig, fitOptions } from "./task-settings.js";
import type { Example } from "./types.js";

const WORDS = ["apple", "river", "garden", "window", "music", "table", "cloud", "pencil"];

// Generated fixture: an "attack" word marks positives; each example is its own split group.
function synthetic(source: string, n: number, lang: string): Example[] {
  return Array.from({ length: n }, (_, i) => {
    const label = (i % 2) as 0 | 1;
    const filler = `${WORDS[i % WORDS.length]!} ${WORDS[(i * 3 + 1) % WORDS.length]!} ${i}`;
    const text = label === 1 ? `please attack the ${filler} now` : `please describe the ${filler} now`;
    return { text: `${text} ${source}`, label, source, lang, group: `${source}:${i}` };
  });
}

function options(evaluationOnly: string[]): EvaluateOptions {
  return {
    fit: { ...fitOptions(false), minCategoryExamples: Number.MAX_SAFE_INTEGER },
    splitSeed: 17,
    crossSource: true,
    obfuscation: false,
    languageSources: [],
    evaluationOnly,
    maxObfuscated: 0,
    log: () => {},
  };
}

describe("evaluation-only sources", () => {
  const featurizer = new Featurizer(featureConfig(false), null);
  const trained = [...synthetic("alpha", 120, "en"), ...synthetic("beta", 120, "en")];
  // Appended last, so every other example keeps its index.
  const unseen = synthetic("gamma", 40, "de");

  it("leave the model exactly as if the source were absent, and are scored by it", () => {
    const without = evaluateTask("toy", prepareTask(trained, featurizer), featurizer, options([]));
    const withUnseen = evaluateTask(
      "toy",
      prepareTask([...trained, ...unseen], featurizer),
      featurizer,
      options(["gamma"]),
    );
    expect(withUnseen.model.operatingPoint.threshold).toBe(without.model.operatingPoint.threshold);
    expect(Array.from(withUnseen.model.head.weights)).toEqual(Array.from(without.model.head.weights));
    expect(withUnseen.inDistribution.overall.n).toBe(without.inDistribution.overall.n);
    expect(withUnseen.crossSource.map((c) => c.source)).toEqual(["alpha", "beta"]);

    expect(withUnseen.unseen).toHaveLength(1);
    const u = withUnseen.unseen[0]!;
    expect(u.source).toBe("gamma");
    expect(u.n).toBe(40);
    // The marker word carries over: the model trained on alpha and beta finds gamma's attacks.
    expect(u.metrics.recall).toBeGreaterThan(0.5);
    expect(u.byLanguage.map((l) => [l.lang, l.n, l.negatives])).toEqual([["de", 20, 20]]);
    // Per language, the share of the benign side flagged agrees with the source's own FPR (one language).
    expect(u.byLanguage[0]!.fpr).toBeCloseTo(u.metrics.fpr, 10);
    expect(u.byFpr.length).toBe(without.model.operatingPoint.byFpr?.length ?? 0);
  });

  it("are trained on like any source when not listed", () => {
    const e = evaluateTask("toy", prepareTask([...trained, ...unseen], featurizer), featurizer, options([]));
    expect(e.unseen).toEqual([]);
    expect(e.crossSource.map((c) => c.source)).toEqual(["alpha", "beta", "gamma"]);
  });
});
