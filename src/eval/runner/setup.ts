/**
 * Builds what a run needs from an EvalSpec: the suites (built-in, files, benchmarks), the provider (with
 * the response cache in front), the guard, the target, the rubric judge and a translator for the
 * translation strategy. Every failure is an EvalSetupError with one line saying what and how to fix it.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { createGuard, type Guard } from "../../guard/create-guard.js";
import { openAICompatibleProvider } from "../../providers/openai-compatible.js";
import { providerFromConfig } from "../../providers/from-config.js";
import { replayProviderFromFile } from "../../providers/replay.js";
import type { Provider } from "../../providers/types.js";
import { resolveStrategy, translatorFromProvider, type Translate } from "../attacks/index.js";
import type { JudgeOptions } from "../judges/judge-case.js";
import { loadBenchmark } from "../loaders/index.js";
import type { EvalStore } from "../store/eval-store.js";
import { cachedProvider, type CachedProvider } from "../store/response-cache.js";
import { BUILTIN_SUITE_NAMES, builtinSuite, loadSuiteFile } from "../suites/index.js";
import { SuiteError } from "../suites/errors.js";
import { builtinRecordings, BUILTIN_RECORDINGS_LABEL } from "../targets/builtin-recordings.js";
import { guardTarget } from "../targets/guard-target.js";
import { httpProvider } from "../targets/http/http-provider.js";
import { providerTarget } from "../targets/provider-target.js";
import { recordedFromProvider } from "../targets/recorded.js";
import { stackTarget } from "../targets/stack-target.js";
import type { EvalTarget } from "../targets/types.js";
import type { Suite } from "../types.js";
import { EvalSpecSchema, type EvalSpec, type EvalSpecInput } from "./spec.js";

export class EvalSetupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EvalSetupError";
  }
}

export interface EvalSetup {
  spec: EvalSpec;
  suites: Suite[];
  target: EvalTarget;
  judges: JudgeOptions;
  translate?: Translate;
  /** The model behind the target (cached when the spec says so), when there is one. */
  provider?: Provider;
  cached?: CachedProvider;
  guard?: Guard;
}

export interface SetupOptions {
  store?: EvalStore;
  /** Calls the provider may have in flight (the run's concurrency). */
  concurrency?: number;
}

/** First line of a message; a SuiteError or PolicyError's first problem and how many more there are. */
export function firstLine(err: unknown): string {
  const problems = (err as { problems?: readonly unknown[] }).problems;
  const format = (err as { format?: () => string }).format;
  if (Array.isArray(problems) && typeof format === "function") {
    const lines = format.call(err).split("\n");
    return lines.length > 1
      ? `${lines[0]} (and ${lines.length - 1} more problem${lines.length > 2 ? "s" : ""})`
      : lines[0]!;
  }
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0] ?? message;
}

async function loadSuites(spec: EvalSpec): Promise<Suite[]> {
  const suites: Suite[] = [];
  const names =
    spec.suites.length === 0 && spec.benchmarks.length === 0 ? [...BUILTIN_SUITE_NAMES] : spec.suites;
  for (const name of names) {
    try {
      if (BUILTIN_SUITE_NAMES.includes(name)) suites.push(builtinSuite(name));
      else if (existsSync(name)) suites.push(await loadSuiteFile(name));
      else
        throw new EvalSetupError(
          `unknown suite "${name}": not a built-in suite (${BUILTIN_SUITE_NAMES.join(", ")}) and no such file`,
        );
    } catch (err) {
      if (err instanceof EvalSetupError) throw err;
      throw new EvalSetupError(
        err instanceof SuiteError ? firstLine(err) : `suite "${name}": ${firstLine(err)}`,
        { cause: err },
      );
    }
  }
  for (const b of spec.benchmarks) {
    try {
      suites.push(await loadBenchmark(b.name, b.path));
    } catch (err) {
      throw new EvalSetupError(`benchmark "${b.name}": ${firstLine(err)}`, { cause: err });
    }
  }
  return suites;
}

function readConfigFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new EvalSetupError(
      `cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : firstLine(err)}`,
    );
  }
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    throw new EvalSetupError(`the ${what} ${path} is not valid YAML or JSON: ${firstLine(err)}`);
  }
}

function buildProvider(
  path: string | undefined,
  inline: EvalSpec["provider"],
  what: string,
  concurrency: number,
): Provider | undefined {
  try {
    if (path !== undefined) {
      const cfg = readConfigFile(path, what) as Record<string, unknown> | null;
      const withLimit =
        cfg && typeof cfg === "object" && cfg.kind !== "replay" && cfg.concurrency === undefined
          ? { ...cfg, concurrency }
          : cfg;
      return providerFromConfig(withLimit, { baseDir: dirname(path) });
    }
    if (inline)
      return openAICompatibleProvider({
        baseURL: inline.baseURL,
        model: inline.model,
        concurrency,
        ...(inline.apiKeyEnv !== undefined ? { apiKeyEnv: inline.apiKeyEnv } : {}),
      });
    return undefined;
  } catch (err) {
    if (err instanceof EvalSetupError) throw err;
    throw new EvalSetupError(`${what}: ${firstLine(err)}`, { cause: err });
  }
}

async function buildGuard(policy: string): Promise<Guard> {
  try {
    return await createGuard({ policy });
  } catch (err) {
    throw new EvalSetupError(`policy "${policy}": ${firstLine(err)}`, { cause: err });
  }
}

function replayFile(path: string): Provider {
  try {
    return replayProviderFromFile(path, { name: `replay:${path.split("/").pop() ?? path}` });
  } catch (err) {
    throw new EvalSetupError(firstLine(err), { cause: err });
  }
}

/** Validates the strategy names now, so a typo fails before anything runs. */
export function checkStrategies(names: readonly string[]): void {
  for (const n of names) {
    try {
      resolveStrategy(n);
    } catch (err) {
      throw new EvalSetupError(firstLine(err), { cause: err });
    }
  }
}

export async function buildEvalSetup(input: EvalSpecInput, options: SetupOptions = {}): Promise<EvalSetup> {
  const parsed = EvalSpecSchema.safeParse(input);
  if (!parsed.success)
    throw new EvalSetupError(
      `invalid eval settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const spec = parsed.data;
  const concurrency = options.concurrency ?? 8;
  checkStrategies(spec.strategies);
  const suites = await loadSuites(spec);

  let provider: Provider | undefined;
  if (spec.target === "http") {
    if (!spec.http)
      throw new EvalSetupError(
        "the http target needs --url (and usually --body-template and --response-path)",
      );
    try {
      provider = httpProvider(spec.http);
    } catch (err) {
      throw new EvalSetupError(firstLine(err), { cause: err });
    }
  } else if (spec.target === "replay") {
    if (spec.replay === undefined)
      throw new EvalSetupError("the replay target needs --replay FILE.jsonl (recorded responses)");
    provider = replayFile(spec.replay);
  } else if (spec.target === "provider" || spec.target === "stack") {
    provider = buildProvider(spec.providerConfigPath, spec.provider, "provider config", concurrency);
    if (!provider)
      throw new EvalSetupError(
        `the ${spec.target} target needs a model: --provider-config FILE.yaml, or --base-url URL --model NAME`,
      );
  }

  let cached: CachedProvider | undefined;
  if (provider && spec.cache && options.store && spec.target !== "replay") {
    cached = cachedProvider(provider, options.store);
    provider = cached;
  }

  let guard: Guard | undefined;
  let target: EvalTarget;
  switch (spec.target) {
    case "guard": {
      guard = await buildGuard(spec.policy);
      if (spec.replay !== undefined) {
        const replay = replayFile(spec.replay);
        target = guardTarget({
          guard,
          recorded: recordedFromProvider(replay),
          recordedLabel: replay.name,
          knownCanaries: spec.knownCanaries,
          trace: spec.sweep,
        });
      } else
        target = guardTarget({
          guard,
          recorded: builtinRecordings,
          recordedLabel: BUILTIN_RECORDINGS_LABEL,
          knownCanaries: spec.knownCanaries,
          trace: spec.sweep,
        });
      break;
    }
    case "stack":
      guard = await buildGuard(spec.policy);
      target = stackTarget({
        guard,
        provider: provider!,
        knownCanaries: spec.knownCanaries,
        trace: spec.sweep,
      });
      break;
    case "provider":
      target = providerTarget(provider!);
      break;
    case "http":
      target = providerTarget(provider!, { kind: "http", name: provider!.name });
      break;
    case "replay":
      target = providerTarget(provider!, { kind: "replay", name: provider!.name });
      break;
  }

  const judges: JudgeOptions = {};
  const judge = buildProvider(spec.judgeConfigPath, spec.judge, "judge config", concurrency);
  if (judge) judges.rubric = options.store && spec.cache ? cachedProvider(judge, options.store) : judge;

  const setup: EvalSetup = { spec, suites, target, judges };
  if (provider) setup.provider = provider;
  if (cached) setup.cached = cached;
  if (guard) setup.guard = guard;
  const translator = provider && spec.target !== "replay" ? provider : judge;
  if (translator) setup.translate = translatorFromProvider(translator);
  return setup;
}

/** Absolute paths for the file-valued fields, so a saved spec works from any directory. */
export function absolutizeSpec(spec: EvalSpecInput): EvalSpecInput {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(p));
  const out: EvalSpecInput = { ...spec };
  // Names that are neither built-in nor a file stay as typed, for the error message.
  if (spec.suites)
    out.suites = spec.suites.map((s) => (BUILTIN_SUITE_NAMES.includes(s) || !existsSync(s) ? s : resolve(s)));
  if (spec.benchmarks)
    out.benchmarks = spec.benchmarks.map((b) => (b.path === undefined ? b : { ...b, path: resolve(b.path) }));
  if (
    spec.policy !== undefined &&
    (spec.policy.includes("/") || spec.policy.endsWith(".yaml") || spec.policy.endsWith(".yml"))
  )
    out.policy = resolve(spec.policy);
  for (const key of ["providerConfigPath", "judgeConfigPath", "replay"] as const) {
    const v = abs(spec[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
