/**
 * For tests: a copy of a loaded classifier whose model scores every text near 0, so that what a
 * detector reports is the doing of its task's phrase rules. Not part of the build (tsconfig.build.json
 * excludes *.testkit.ts).
 */
import type { LoadedClassifier } from "../model/load.js";

export function muteClassifier(c: LoadedClassifier): LoadedClassifier {
  return {
    ...c,
    model: {
      ...c.model,
      head: {
        ...c.model.head,
        weights: new Float32Array(c.model.head.weights.length),
        dense: null,
        bias: -20,
      },
    },
  };
}
