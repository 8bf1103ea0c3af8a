/**
 * `npm run train [-- --task NAME[,NAME]] [--no-cross-source]`: for each task, load its examples from the
 * shared datasets, featurise, train (seeded, deterministic), calibrate, pick the threshold, evaluate
 * (in-distribution, cross-source, robustness), and write the weights (src/classifiers/weights/<task>.bin),
 * the model card (src/classifiers/cards/<task>.md) and its metrics (cards/<task>.metrics.json).
 * Progress goes to stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dataDir } from "../../bench/data-dir.js";
import { DEFAULT_STAGES, classifierDetector } from "../detectors.js";
import { Featurizer } from "../features/featurizer.js";
import { embeddingsFingerprint } from "../model/embeddings-fingerprint.js";
import { embedderFor } from "../model/load.js";
import { serializeModel } from "../model/weights-format.js";
import { TASK_LOADERS, TASK_SOURCES } from "./datasets/index.js";
import { evaluateTask } from "./evaluate.js";
import { metricsJson, renderModelCard } from "./model-card.js";
import { capPerSource, prepareTask } from "./prepare.js";
import { taskFitOptions } from "./task-fit.js";
import { CAP_PER_SOURCE, SPLIT_SEED, TASK_SETTINGS, featureConfig } from "./task-settings.js";
import { TASKS, type Task } from "./types.js";

const ROOT = new URL("../../../", import.meta.url);
const WEIGHTS_DIR = new URL("src/classifiers/weights/", ROOT);
const CARDS_DIR = new URL("src/classifiers/cards/", ROOT);
const META = new URL("src/classifiers/embeddings/weights/meta.json", ROOT);

function parseArgs(argv: string[]): { tasks: Task[]; crossSource: boolean } {
  let tasks: Task[] = [...TASKS];
  const i = argv.indexOf("--task");
  if (i >= 0) {
    const names = (argv[i + 1] ?? "").split(",").filter(Boolean);
    for (const n of names)
      if (!(TASKS as readonly string[]).includes(n))
        throw new Error(`unknown task "${n}"; known: ${TASKS.join(", ")}`);
    tasks = names as Task[];
  }
  return { tasks, crossSource: !argv.includes("--no-cross-source") };
}

function teacher() {
  try {
    const meta = JSON.parse(readFileSync(META, "utf8")) as {
      teacher?: { name: string; package: string; version: string; license: string };
    };
    return meta.teacher ?? null;
  } catch {
    return null;
  }
}

/**
 * Formats generated Markdown and JSON the way the repository's format check expects. Prettier is a dev
 * dependency: without it (an install without dev dependencies) the text is written as generated.
 */
async function writeFormatted(target: URL, text: string): Promise<void> {
  const filepath = fileURLToPath(target);
  let out = text;
  try {
    const prettier = await import("prettier");
    out = await prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });
  } catch {
    // no prettier: keep the generated text
  }
  writeFileSync(target, out);
}

async function trainTask(task: Task, crossSource: boolean, log: (m: string) => void): Promise<void> {
  const t0 = performance.now();
  log(`train: ${task}: loading examples`);
  const loaded = TASK_LOADERS[task](dataDir());
  const config = featureConfig(true);
  const embedder = embedderFor(config);
  const featurizer = new Featurizer(config, embedder);
  const settings = TASK_SETTINGS[task];
  const fit = taskFitOptions(settings.fit, true, embedder && { embedder, dataDir: dataDir(), config });
  const examples = capPerSource(loaded, CAP_PER_SOURCE, fit.train.seed);
  log(`train: ${task}: featurising ${examples.length} of ${loaded.length} examples`);
  const data = prepareTask(examples, featurizer, log);
  log(`train: ${task}: featurised in ${(data.featurizeMs / 1000).toFixed(1)} s; training and evaluating`);
  const evaluation = evaluateTask(task, data, featurizer, {
    fit,
    splitSeed: SPLIT_SEED,
    crossSource,
    obfuscation: settings.obfuscation,
    languageSources: settings.languageSources,
    evaluationOnly: settings.evaluationOnly,
    maxObfuscated: 500,
    log,
  });
  if (config.embeddings) evaluation.model.info.embeddings = embeddingsFingerprint();
  const bytes = serializeModel(evaluation.model);
  mkdirSync(WEIGHTS_DIR, { recursive: true });
  mkdirSync(CARDS_DIR, { recursive: true });
  const weightsFile = `src/classifiers/weights/${task}.bin`;
  writeFileSync(new URL(`${task}.bin`, WEIGHTS_DIR), bytes);
  const card = renderModelCard({
    evaluation,
    sources: TASK_SOURCES[task],
    train: fit.train,
    ...(fit.dense ? { dense: fit.dense } : {}),
    splitSeed: SPLIT_SEED,
    capPerSource: CAP_PER_SOURCE,
    loadedExamples: loaded.length,
    weightsBytes: bytes.length,
    weightsFile,
    teacher: teacher(),
    stages: DEFAULT_STAGES[task],
    categories: classifierDetector(task).categories,
    intendedUse: settings.intendedUse,
    knownWeaknesses: settings.knownWeaknesses,
  });
  await writeFormatted(new URL(`${task}.md`, CARDS_DIR), card);
  const metrics = metricsJson(evaluation, {
    weightsBytes: bytes.length,
    featurizeMs: Math.round(data.featurizeMs),
  });
  await writeFormatted(new URL(`${task}.metrics.json`, CARDS_DIR), metrics);
  const m = evaluation.inDistribution.overall;
  log(
    `train: ${task}: wrote ${weightsFile} (${(bytes.length / 1024).toFixed(0)} KiB); test AUC ${m.auc.toFixed(3)}, recall ${m.recall.toFixed(3)}, FPR ${m.fpr.toFixed(3)}; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const { tasks, crossSource } = parseArgs(process.argv.slice(2));
  const log = (m: string) => process.stderr.write(`${m}\n`);
  log(`train: tasks ${tasks.join(", ")}; data ${dataDir()}; writing to ${fileURLToPath(WEIGHTS_DIR)}`);
  for (const task of tasks) await trainTask(task, crossSource, log);
}

// Run only as a script: importing this module (the regex-safety test imports every module) trains nothing.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
