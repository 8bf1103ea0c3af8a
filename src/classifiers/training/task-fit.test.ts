/** A task's fit options: harm gets the language-free embedding block, the others train plain. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataDir } from "../../bench/data-dir.js";
import { embedderFor } from "../model/load.js";
import { taskFitOptions } from "./task-fit.js";
import { TASK_SETTINGS, featureConfig } from "./task-settings.js";

const root = dataDir();
const hasData = existsSync(join(root, "xquad"));

describe("taskFitOptions", () => {
  it("trains plain where a task asks for nothing, and without the embedding block", () => {
    const plain = taskFitOptions(TASK_SETTINGS.injection.fit, true, null);
    expect(plain.dense).toBeUndefined();
    expect(plain.train.balanceLanguages).toBeUndefined();
    // Without the embedding block only the weighting remains.
    const noDense = taskFitOptions(TASK_SETTINGS.harm.fit, false, null);
    expect(noDense.dense).toBeUndefined();
    expect(noDense.train.balanceLanguages).toBe(true);
  });

  it.skipIf(!hasData)(
    "gives harm the scaled embedding block with the XQuAD language subspace projected out",
    () => {
      const config = featureConfig(true);
      const embedder = embedderFor(config)!;
      const fit = taskFitOptions(TASK_SETTINGS.harm.fit, true, { embedder, dataDir: root, config });
      expect(fit.dense?.scale).toBe(2);
      // 12 languages: at most 11 independent differences between their means.
      expect(fit.dense?.directions.length).toBe(11);
      expect(fit.dense?.description).toMatch(/language subspace/);
      // Measured once per process and embedder.
      const again = taskFitOptions(TASK_SETTINGS.harm.fit, true, { embedder, dataDir: root, config });
      expect(again.dense?.directions).toBe(fit.dense?.directions);
    },
  );
});
