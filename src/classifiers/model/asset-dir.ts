/**
 * Finds a data folder of the classifiers room (weights, the embedding table): next to the running code
 * (src/ under the test runner, dist/ once the build copies assets), else in the source tree of the same
 * checkout (running from dist/ before the build copies them).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CLASSIFIERS = new URL("../", import.meta.url);
const SOURCE_CLASSIFIERS = new URL("../../../src/classifiers/", import.meta.url);

/** `relative` is a folder under src/classifiers, ending in "/", e.g. "weights/". */
export function classifierAssetDir(relative: string, probe: string): URL {
  const candidates = [new URL(relative, CLASSIFIERS), new URL(relative, SOURCE_CLASSIFIERS)];
  for (const dir of candidates) if (existsSync(fileURLToPath(new URL(probe, dir)))) return dir;
  throw new Error(
    `missing ${relative}${probe} (looked in ${candidates.map((d) => fileURLToPath(d)).join(" and ")})`,
  );
}
