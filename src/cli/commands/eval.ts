/**
 * `guardstack eval` — runs eval suites and public benchmarks against a target and reports.
 *
 * With no arguments it works offline on a fresh clone: the default guard alone (input rail on every
 * prompt; output rail on project-written recorded responses where a case needs an output) over the
 * built-in suites, a summary table on stdout and report.html. Results are stored in
 * .guardstack/guardstack.db as each case finishes, so `--resume RUN_ID` continues a run that was
 * interrupted, and model responses are cached there so a re-run costs no model calls.
 *
 * Exit codes: 0 done; 1 a --fail-on rule was violated; 2 an error (bad flag, suite, policy or provider,
 * or every case errored); 130 interrupted (resumable).
 */
import type { Command } from "commander";
import { summarize } from "../../eval/stats/index.js";
import { gate } from "../../eval/compare/index.js";
import { renderTerminal } from "../../eval/report/index.js";
import type { AblationRow, ReportInput } from "../../eval/report/types.js";
import { runAblations } from "../../eval/runner/ablations.js";
import { writeReports } from "../../eval/runner/reports.js";
import { plannedSuites, type PlannedCase } from "../../eval/runner/plan.js";
import { EvalAbortedError, runEval, type EvalProgress } from "../../eval/runner/run-eval.js";
import { absolutizeSpec, buildEvalSetup, EvalSetupError, firstLine } from "../../eval/runner/setup.js";
import { EvalSpecSchema, TARGET_KINDS, type EvalSpecInput } from "../../eval/runner/spec.js";
import { DEFAULT_DB_PATH, EvalStore } from "../../eval/store/eval-store.js";
import { resolveRunId } from "../../eval/store/run-ref.js";
import { hasSweptClassifier } from "../../eval/sweep/check-scores.js";
import type { RunSummary } from "../../eval/types.js";
import { UserError } from "../errors.js";
import { createProgress } from "../progress.js";

interface EvalFlags {
  suite: string[];
  benchmark: string[];
  target?: string;
  providerConfig?: string;
  baseUrl?: string;
  model?: string;
  apiKeyEnv?: string;
  policy?: string;
  strategies?: string;
  seed?: string;
  limit?: string;
  concurrency: string;
  resume?: string;
  db: string;
  cache: boolean;
  sweep: boolean;
  replay?: string;
  url?: string;
  method?: string;
  header: string[];
  bodyTemplate?: string;
  responsePath?: string;
  judgeConfig?: string;
  judgeBaseUrl?: string;
  judgeModel?: string;
  ablations?: boolean;
  out: string;
  json?: string;
  markdown?: string;
  junit?: string;
  runFile?: string;
  failOn: string[];
  quiet?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`${flag} must be a whole number of at least 1, got "${value}"`);
  return n;
}

function parseHeaders(list: string[]): Record<string, string> | undefined {
  if (list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf(":");
    if (i <= 0) throw new UserError(`--header must look like "Name: value", got "${h}"`);
    out[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  return out;
}

/** The eval spec the flags describe. */
export function specFromFlags(f: EvalFlags): EvalSpecInput {
  const providerGiven = f.providerConfig !== undefined || f.baseUrl !== undefined;
  const target = f.target ?? (f.url !== undefined ? "http" : providerGiven ? "stack" : "guard");
  if (!(TARGET_KINDS as readonly string[]).includes(target))
    throw new UserError(`unknown target "${target}": use one of ${TARGET_KINDS.join(", ")}`);
  if ((f.baseUrl === undefined) !== (f.model === undefined))
    throw new UserError(
      "--base-url and --model go together (an OpenAI-compatible server and the model to ask)",
    );
  if ((f.judgeBaseUrl === undefined) !== (f.judgeModel === undefined))
    throw new UserError("--judge-base-url and --judge-model go together");
  const seed = f.seed === undefined ? undefined : Number(f.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new UserError(`--seed must be a whole number, got "${f.seed}"`);
  const limit = positiveInt(f.limit, "--limit");
  const spec: EvalSpecInput = {
    suites: f.suite,
    benchmarks: f.benchmark.map((b) => {
      const i = b.indexOf(":");
      return i < 0 ? { name: b } : { name: b.slice(0, i), path: b.slice(i + 1) };
    }),
    strategies: (f.strategies ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    target: target as (typeof TARGET_KINDS)[number],
    cache: f.cache,
    sweep: f.sweep,
  };
  if (seed !== undefined) spec.seed = seed;
  if (limit !== undefined) spec.limitPerSuite = limit;
  if (f.policy !== undefined) spec.policy = f.policy;
  if (f.providerConfig !== undefined) spec.providerConfigPath = f.providerConfig;
  if (f.baseUrl !== undefined && f.model !== undefined)
    spec.provider = {
      baseURL: f.baseUrl,
      model: f.model,
      ...(f.apiKeyEnv ? { apiKeyEnv: f.apiKeyEnv } : {}),
    };
  if (f.replay !== undefined) spec.replay = f.replay;
  if (f.url !== undefined) {
    const headers = parseHeaders(f.header);
    spec.http = {
      url: f.url,
      ...(f.method ? { method: f.method } : {}),
      ...(headers ? { headers } : {}),
      ...(f.bodyTemplate ? { bodyTemplate: f.bodyTemplate } : {}),
      ...(f.responsePath !== undefined ? { responsePath: f.responsePath } : {}),
    };
  }
  if (f.judgeConfig !== undefined) spec.judgeConfigPath = f.judgeConfig;
  if (f.judgeBaseUrl !== undefined && f.judgeModel !== undefined)
    spec.judge = { baseURL: f.judgeBaseUrl, model: f.judgeModel };
  return absolutizeSpec(spec);
}

function progressReporter(quiet: boolean) {
  let bar: ReturnType<typeof createProgress> | undefined;
  return {
    update(p: EvalProgress) {
      if (quiet) return;
      bar ??= createProgress(p.total, "cases");
      const rate = p.ratePerSecond >= 10 ? p.ratePerSecond.toFixed(0) : p.ratePerSecond.toFixed(1);
      bar.update(p.done, `${rate} cases/s${p.errors > 0 ? `, ${p.errors} errors` : ""}`);
    },
    stop() {
      bar?.stop();
    },
  };
}

async function execute(flags: EvalFlags): Promise<void> {
  const concurrency = positiveInt(flags.concurrency, "--concurrency") ?? 8;
  let store: EvalStore;
  try {
    store = await EvalStore.open(flags.db);
  } catch (err) {
    throw new UserError(firstLine(err));
  }
  const ctrl = new AbortController();
  const onSigint = () => ctrl.abort(new Error("interrupted"));
  process.once("SIGINT", onSigint);
  let runId: string | undefined;
  const progress = progressReporter(flags.quiet === true);
  try {
    let specInput: EvalSpecInput;
    if (flags.resume !== undefined) {
      const id = await resolveRunId(flags.resume, store).catch((err: unknown) => {
        throw new UserError(firstLine(err));
      });
      const run = await store.getRun(id);
      const saved = EvalSpecSchema.safeParse(run?.config.spec);
      if (!saved.success)
        throw new UserError(
          `run ${id} was not made by guardstack eval (no saved settings); it cannot be resumed`,
        );
      specInput = saved.data;
      flags.resume = id;
    } else specInput = specFromFlags(flags);

    const setup = await buildEvalSetup(specInput, { store, concurrency });
    if (flags.ablations && setup.spec.target !== "stack")
      throw new UserError(
        "--ablations needs the stack target (a guard and a model): add --base-url/--model or --provider-config",
      );

    const common = {
      suites: setup.suites,
      strategies: setup.spec.strategies,
      seed: setup.spec.seed,
      ...(setup.spec.limitPerSuite !== undefined ? { limitPerSuite: setup.spec.limitPerSuite } : {}),
      ...(setup.translate ? { translate: setup.translate } : {}),
      concurrency,
      judges: setup.judges,
      signal: ctrl.signal,
      config: { spec: setup.spec },
      onProgress: (p: EvalProgress) => progress.update(p),
    };
    let plan: readonly PlannedCase[] = [];
    const run: RunSummary = await runEval({
      ...common,
      store,
      target: setup.target,
      onPlanned: (p) => {
        plan = p;
      },
      ...(flags.resume !== undefined ? { resumeRunId: flags.resume } : {}),
      onRunCreated: (id) => {
        runId = id;
      },
    });
    progress.stop();

    let ablations: AblationRow[] | undefined;
    if (flags.ablations && setup.guard && setup.provider) {
      if (!flags.quiet) process.stderr.write("running layer ablations ...\n");
      const { onProgress: _progress, ...quiet } = common;
      ablations = (
        await runAblations({ ...quiet, guard: setup.guard, provider: setup.provider, fullStack: run })
      ).rows;
    }

    const errored = run.results.filter((r) => r.outcome === "error");
    if (run.results.length > 0 && errored.length === run.results.length)
      throw new UserError(
        `every case failed (${errored.length}); the first: ${errored[0]!.error ?? "unknown error"}`,
      );

    const stats = summarize(run);
    const input: ReportInput = {
      run,
      stats,
      suites: plannedSuites(setup.suites, plan),
      ...(ablations ? { ablations } : {}),
    };
    if (!flags.quiet) process.stdout.write(renderTerminal(input));
    if (setup.spec.sweep && setup.guard && !flags.quiet) {
      const why = !hasSweptClassifier(setup.guard)
        ? `no threshold sweep: policy ${setup.guard.policy.name} runs no learned classifier, and its other rules have no threshold to vary`
        : run.sweep
          ? run.sweep.leftOut > 0
            ? `threshold sweep over ${run.sweep.cases} cases; ${run.sweep.leftOut} left out (no recorded guard scores)`
            : undefined
          : "no threshold sweep: no case recorded guard scores";
      if (why) process.stderr.write(`${why}\n`);
    }
    const written = await writeReports(input, {
      html: flags.out,
      ...(flags.json ? { json: flags.json } : {}),
      ...(flags.markdown ? { markdown: flags.markdown } : {}),
      ...(flags.junit ? { junit: flags.junit } : {}),
      ...(flags.runFile ? { run: flags.runFile } : {}),
    });
    const cache = setup.cached
      ? `; model calls ${setup.cached.stats.misses}, cached ${setup.cached.stats.hits}`
      : "";
    process.stderr.write(
      `run ${run.runId} (${store.path})${cache}; wrote ${written.map(([, p]) => p).join(", ")}\n`,
    );

    if (flags.failOn.length > 0) {
      let violations;
      try {
        violations = gate(stats, flags.failOn);
      } catch (err) {
        throw new UserError(firstLine(err));
      }
      for (const v of violations) process.stderr.write(`fail-on ${v.rule}: ${v.message}\n`);
      if (violations.length > 0) process.exitCode = 1;
    }
  } catch (err) {
    progress.stop();
    if (ctrl.signal.aborted && runId !== undefined) {
      // Not an error: the run is saved; 130 is the shell's code for Ctrl-C.
      process.stderr.write(`guardstack: interrupted; resume with: guardstack eval --resume ${runId}\n`);
      process.exitCode = 130;
      return;
    }
    if (err instanceof EvalAbortedError)
      throw new UserError(`${err.message} (run ${err.runId} saved: guardstack eval --resume ${err.runId})`);
    if (err instanceof EvalSetupError) throw new UserError(err.message);
    if (err instanceof UserError) throw err;
    throw new UserError(firstLine(err));
  } finally {
    process.removeListener("SIGINT", onSigint);
    await store.close();
  }
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("evaluate a target (the guard, a model, the guarded stack, your HTTP app) on safety suites")
    .option(
      "--suite <name|file>",
      "built-in suite name or suite file; repeat for more (default: all built-in suites)",
      collect,
      [],
    )
    .option(
      "--benchmark <name[:path]>",
      "public benchmark (advbench, harmbench, xstest, ...); repeat for more",
      collect,
      [],
    )
    .option(
      "-t, --target <kind>",
      `what to evaluate: ${TARGET_KINDS.join(", ")} (default: guard; stack with a model)`,
    )
    .option(
      "--provider-config <file>",
      "model as a provider config file (YAML: kind, model, baseURL, apiKeyEnv)",
    )
    .option("--base-url <url>", "an OpenAI-compatible server, e.g. http://localhost:11434/v1")
    .option("--model <name>", "the model to ask at --base-url")
    .option(
      "--api-key-env <var>",
      "environment variable holding the key for --base-url (default OPENAI_API_KEY)",
    )
    .option("-p, --policy <policy>", "built-in policy name or YAML file for the guard (default: default)")
    .option("--strategies <a,b>", "attack strategies to apply to every case (base64, leetspeak, dan, ...)")
    .option("--seed <n>", "seed for the attack strategies (default 0)")
    .option("--limit <n>", "only the first n cases of each suite")
    .option("-c, --concurrency <n>", "cases in flight at once", "8")
    .option("--resume <run-id>", "continue an interrupted run (its saved settings are used)")
    .option("--db <file>", "results store (SQLite)", DEFAULT_DB_PATH)
    .option("--no-cache", "always call the model (default: answer repeated requests from the store)")
    .option(
      "--no-sweep",
      "skip the threshold sweep of the guard's classifiers (with a model it costs a call per case the input rail stops)",
    )
    .option("--replay <file.jsonl>", "recorded responses: the replay target's answers, or the guard target's")
    .option("--url <url>", "http target: your app's endpoint")
    .option("--method <method>", "http target: request method (default POST)")
    .option("--header <name: value>", "http target: a request header; repeat for more", collect, [])
    .option(
      "--body-template <json>",
      'http target: request body with {{prompt}}, e.g. \'{"message": "{{prompt}}"}\'',
    )
    .option(
      "--response-path <path>",
      "http target: where the answer is in the JSON reply, e.g. choices.0.message.content",
    )
    .option(
      "--judge-config <file>",
      "a judge model (provider config) for the StrongREJECT-style rubric judge",
    )
    .option("--judge-base-url <url>", "judge model's OpenAI-compatible server")
    .option("--judge-model <name>", "judge model name")
    .option("--ablations", "stack target: also run with each guard layer off, and the model alone")
    .option("-o, --out <file>", "HTML report", "report.html")
    .option("--json <file>", "JSON report")
    .option("--markdown <file>", "Markdown report")
    .option("--junit <file>", "JUnit XML report (one test case per eval case)")
    .option("--run-file <file>", "the run itself as JSON (every result), for archiving or compare")
    .option(
      "--fail-on <rule>",
      "exit 1 when a rule holds, e.g. asr>0.05, over-refusal>0.1, asr:hate>0; repeatable",
      collect,
      [],
    )
    .option("-q, --quiet", "no progress bar and no summary table")
    .action((flags: EvalFlags) => execute(flags));
}
