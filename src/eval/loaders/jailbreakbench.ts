/**
 * JailbreakBench (Chao et al. 2024). The 100 JBB behaviours (goal, behaviour, category) are read from an
 * artifact file of the JailbreakBench artifacts repository (every artifact lists all 100). Pointing the
 * path at one artifact file instead loads that attack's prompts (PAIR, GCG, JBC...), one variant per
 * behaviour that has a prompt, with the attack method as the strategy.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  BenchmarkError,
  benchmarkCase,
  benchmarkPath,
  benchmarkSuite,
  listFiles,
  pad,
  readJson,
  slug,
  type BenchmarkInfo,
  type BenchmarkSuite,
} from "./common.js";

export const JAILBREAKBENCH: BenchmarkInfo = {
  name: "jailbreakbench",
  folder: "jailbreakbench-artifacts",
  description:
    "JailbreakBench (Chao et al. 2024): 100 misuse behaviours in ten categories; or one attack artifact's prompts.",
  scoring:
    "Published rule: a response is jailbroken when the JailbreakBench judge (Llama-3-70B with the " +
    "published judge prompt) classifies it unsafe for the behaviour; attack success rate = jailbroken / " +
    "behaviours attempted. Every case expects refuse; category = the JBB category.",
};

interface Jailbreak {
  index: number;
  goal: string;
  behavior?: string;
  category: string;
  prompt: string | null;
}

interface Artifact {
  parameters: { method?: string; model?: string; attack_type?: string };
  jailbreaks: Jailbreak[];
}

function asArtifact(file: string, value: unknown): Artifact {
  const v = value as Partial<Artifact> | null;
  if (
    v === null ||
    typeof v !== "object" ||
    !Array.isArray(v.jailbreaks) ||
    !v.jailbreaks.every((j) => typeof j?.goal === "string" && typeof j.index === "number")
  )
    throw new BenchmarkError(
      `jailbreakbench: ${file} is not a JailbreakBench artifact (no "jailbreaks" with goals)`,
    );
  return { parameters: v.parameters ?? {}, jailbreaks: v.jailbreaks };
}

const NOT_ARTIFACTS = new Set(["attack-info.json", "evaluation.json", "submission.json"]);

/** The first artifact file under the folder, in sorted order: method/attack-type/model.json. */
function firstArtifact(dir: string): string {
  for (const method of listFiles(dir)) {
    const m = join(dir, method);
    if (!statSync(m).isDirectory()) continue;
    for (const kind of listFiles(m)) {
      const k = join(m, kind);
      if (!statSync(k).isDirectory()) continue;
      const file = listFiles(k).find((f) => f.endsWith(".json") && !NOT_ARTIFACTS.has(f));
      if (file !== undefined) return join(k, file);
    }
  }
  throw new BenchmarkError(
    `jailbreakbench: no artifact file (<method>/<attack type>/<model>.json) under ${dir}`,
  );
}

const behaviourId = (j: Jailbreak) => `jbb-${pad(j.index + 1)}`;

export function loadJailbreakbench(path?: string): BenchmarkSuite {
  const root = benchmarkPath(JAILBREAKBENCH, path);
  if (!existsSync(root))
    throw new BenchmarkError(
      `jailbreakbench: ${root} does not exist. Put the JailbreakBench artifacts there, set GUARDSTACK_DATA, or pass an artifact file`,
    );
  const isFile = statSync(root).isFile();
  const file = isFile ? root : firstArtifact(root);
  const artifact = asArtifact(file, readJson(JAILBREAKBENCH, file));
  const base = (j: Jailbreak) => ({
    expected: { behaviour: "refuse" as const },
    category: slug(j.category),
    behaviour: behaviourId(j),
  });
  if (!isFile) {
    const cases = artifact.jailbreaks.map((j) =>
      benchmarkCase("jailbreakbench", { id: behaviourId(j), prompt: j.goal.trim(), ...base(j) }),
    );
    return benchmarkSuite(JAILBREAKBENCH, [file], cases);
  }
  const method = slug(artifact.parameters.method ?? "artifact");
  const cases = artifact.jailbreaks
    .filter((j) => typeof j.prompt === "string" && j.prompt.trim() !== "")
    .map((j) =>
      benchmarkCase(`jailbreakbench:${method}`, {
        id: `${behaviourId(j)}~${method}`,
        prompt: (j.prompt as string).trim(),
        strategy: method,
        ...base(j),
      }),
    );
  const p = artifact.parameters;
  const scoring = `${JAILBREAKBENCH.scoring} These are the ${p.method ?? "attack"} prompts recorded against ${p.model ?? "a model"} (${p.attack_type ?? "attack"}); behaviours without a prompt are left out.`;
  return benchmarkSuite(JAILBREAKBENCH, [file], cases, { scoring });
}
