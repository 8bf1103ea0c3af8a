/**
 * Loaders for public safety benchmarks. Each reads the benchmark's files as their authors published them,
 * from `path` (a file or a folder) or by default from the data dir (GUARDSTACK_DATA, else
 * ../shared/datasets), and returns a suite whose `scoring` records the benchmark's published scoring rule.
 */
import { didYouMean } from "../../policy/suggest.js";
import { ADVBENCH, loadAdvbench } from "./advbench.js";
import type { BenchmarkInfo, BenchmarkSuite } from "./common.js";
import {
  CYBERSECEVAL_FRR,
  CYBERSECEVAL_INTERPRETER,
  CYBERSECEVAL_PI,
  loadCybersecevalFrr,
  loadCybersecevalInterpreter,
  loadCybersecevalPromptInjection,
} from "./cyberseceval.js";
import { DO_NOT_ANSWER, loadDoNotAnswer } from "./do-not-answer.js";
import { HARMBENCH, loadHarmbench } from "./harmbench.js";
import { JAILBREAKBENCH, loadJailbreakbench } from "./jailbreakbench.js";
import { MULTIJAIL, loadMultijail } from "./multijail.js";
import { SIMPLE_SAFETY_TESTS, loadSimpleSafetyTests } from "./simple-safety-tests.js";
import { STRONGREJECT, loadStrongreject } from "./strongreject.js";
import { TRUTHFULQA, loadTruthfulqa } from "./truthfulqa.js";
import { XSAFETY, loadXsafety } from "./xsafety.js";
import { XSTEST, loadXstest } from "./xstest.js";

interface Loader {
  info: BenchmarkInfo;
  load(path?: string): BenchmarkSuite;
}

const LOADERS: readonly Loader[] = [
  { info: ADVBENCH, load: loadAdvbench },
  { info: HARMBENCH, load: loadHarmbench },
  { info: STRONGREJECT, load: loadStrongreject },
  { info: XSTEST, load: loadXstest },
  { info: JAILBREAKBENCH, load: loadJailbreakbench },
  { info: DO_NOT_ANSWER, load: loadDoNotAnswer },
  { info: SIMPLE_SAFETY_TESTS, load: loadSimpleSafetyTests },
  { info: MULTIJAIL, load: loadMultijail },
  { info: CYBERSECEVAL_PI, load: loadCybersecevalPromptInjection },
  { info: TRUTHFULQA, load: loadTruthfulqa },
  { info: XSAFETY, load: loadXsafety },
  { info: CYBERSECEVAL_FRR, load: loadCybersecevalFrr },
  { info: CYBERSECEVAL_INTERPRETER, load: loadCybersecevalInterpreter },
];

export const BENCHMARK_NAMES: readonly string[] = LOADERS.map((l) => l.info.name);

/** Name, folder under the data dir, description and published scoring rule of every benchmark. */
export const BENCHMARKS: readonly BenchmarkInfo[] = LOADERS.map((l) => l.info);

/**
 * Loads a public benchmark as a suite. `path` is the benchmark's folder or file (default: its folder
 * under the data dir). Unknown names and missing files throw errors that say what to do.
 */
export async function loadBenchmark(name: string, path?: string): Promise<BenchmarkSuite> {
  const loader = LOADERS.find((l) => l.info.name === name);
  if (loader === undefined)
    throw new Error(
      `unknown benchmark ${JSON.stringify(name)}${didYouMean(name, BENCHMARK_NAMES)}; the benchmarks are: ${BENCHMARK_NAMES.join(", ")}`,
    );
  return Promise.resolve().then(() => loader.load(path));
}

export { BenchmarkError } from "./common.js";
export type { BenchmarkInfo, BenchmarkSuite } from "./common.js";
export { parseCsv } from "./csv.js";
export { MULTIJAIL_LANGUAGES } from "./multijail.js";
export { PATTERNS as CYBERSECEVAL_PATTERNS } from "./cyberseceval.js";
