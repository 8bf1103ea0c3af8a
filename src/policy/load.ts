/**
 * Loading policies: YAML files, YAML text, built-in names or plain objects, with `extends:` chains
 * merged (see merge.ts for the rules), validated against the schema and the semantic checks, every
 * problem reported at once with its YAML path, file, line and column.
 *
 * `extends:` names a built-in policy (default, strict, permissive) or a YAML file, relative to the
 * extending file's folder. An exact built-in name always means the built-in. `name` and
 * `description` describe one file and are not inherited from a base.
 */
import { readFile, realpath } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  BUILTIN_POLICY_NAMES,
  builtinPolicyPath,
  builtinSource,
  isBuiltinPolicyName,
  type BuiltinPolicyName,
} from "./builtin-policies.js";
import { isPlainObject, layerOf, mergeTracked, track, type Tracked } from "./merge.js";
import { displayFile, formatPath, PolicyError, type PathSegment, type PolicyProblem } from "./problems.js";
import { PolicySchema, type Policy, type PolicyInput } from "./schema.js";
import { checkSemantics } from "./semantics.js";
import { didYouMean } from "./suggest.js";
import { policyVersion } from "./version.js";
import { parseYaml, positionOf, type YamlSource } from "./yaml-source.js";
import { issueToProblems, type RawProblem } from "./zod-issues.js";

export interface LoadedPolicy {
  /** The effective policy: every base merged, defaults applied, `extends` removed. */
  policy: Policy;
  /** The extends chain, the policy itself first, then its base, then the base's base... */
  sources: string[];
  /** Short content hash of the effective policy (12 hex digits of sha256 over canonical JSON). */
  version: string;
}

export interface LoadOptions {
  /** Registered detector names; when given, detectors.enabled/disabled are checked against them. */
  knownDetectors?: readonly string[];
}

export interface TextLoadOptions extends LoadOptions {
  /** Label for messages and `sources` (default "<inline>"). */
  source?: string;
  /** Folder that a relative `extends:` path is resolved against (default: the working directory). */
  baseDir?: string;
}

export interface ResolveOptions extends LoadOptions {
  /** Folder that relative file paths (the input itself, or an object's `extends`) resolve against. */
  baseDir?: string;
}

/** A longer chain is almost certainly a mistake, and bounds the work. */
const MAX_EXTENDS_DEPTH = 16;
/** Enough to fix a file in one pass; a file with more is better fixed from the top. */
const MAX_PROBLEMS = 100;

interface Layer {
  /** File path, builtin:<name> or the caller's label. */
  label: string;
  /** Identity for cycle detection (real path or builtin:<name>); absent for inline input. */
  id?: string;
  /** Folder a relative `extends:` resolves against. */
  baseDir: string;
  value: Record<string, unknown>;
  yaml?: YamlSource;
}

function problemAt(layer: Layer, path: readonly PathSegment[], message: string): PolicyProblem {
  const pos = layer.yaml ? positionOf(layer.yaml, path) : undefined;
  return { path: formatPath(path), file: layer.label, line: pos?.line, column: pos?.column, message };
}

function fail(problem: PolicyProblem): never {
  throw new PolicyError([problem]);
}

/** Checks a layer's top level is a mapping. */
function asLayer(
  value: unknown,
  label: string,
  baseDir: string,
  yaml: YamlSource | undefined,
  id?: string,
): Layer {
  if (value === null || value === undefined) {
    fail({
      path: "",
      file: label,
      message: "the policy is empty; to use the defaults write `extends: default`",
    });
  }
  if (!isPlainObject(value)) {
    const pos = yaml ? positionOf(yaml, []) : undefined;
    fail({
      path: "",
      file: label,
      line: pos?.line,
      column: pos?.column,
      message: "a policy must be a mapping of keys to values (e.g. `name: my-policy`) at the top level",
    });
  }
  return { label, id, baseDir, value, yaml };
}

function layerFromText(text: string, label: string, baseDir: string, id?: string): Layer {
  const { source, problems } = parseYaml(text, label);
  if (!source) throw new PolicyError(problems);
  return asLayer(source.value, label, baseDir, source, id);
}

const builtinTexts = new Map<BuiltinPolicyName, Promise<string>>();

async function builtinLayer(name: BuiltinPolicyName): Promise<Layer> {
  let text = builtinTexts.get(name);
  if (!text) {
    text = readFile(builtinPolicyPath(name), "utf8");
    builtinTexts.set(name, text);
    // A failed read is not cached, so a transient error is not permanent.
    text.catch(() => builtinTexts.delete(name));
  }
  const label = builtinSource(name);
  return layerFromText(await text, label, dirname(builtinPolicyPath(name)), label);
}

function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a folder, not a file";
  if (code === "EACCES") return "permission denied";
  return (err as Error).message;
}

/** Reads a policy file; `onError` turns a read failure into the right problem for the caller. */
async function fileLayer(absPath: string, onError: (reason: string) => never): Promise<Layer> {
  let text: string;
  let id: string;
  try {
    id = await realpath(absPath);
    text = await readFile(id, "utf8");
  } catch (err) {
    onError(readError(err));
  }
  return layerFromText(text, absPath, dirname(absPath), id);
}

/** Follows `extends:` from `first`; returns the chain, the policy itself first. */
async function collectChain(first: Layer): Promise<Layer[]> {
  const chain = [first];
  for (let current = first; ;) {
    const ext = current.value.extends;
    if (ext === undefined) return chain;
    if (typeof ext !== "string" || ext.trim() === "") {
      fail(
        problemAt(
          current,
          ["extends"],
          "must name a built-in policy (default, strict, permissive) or a YAML file path",
        ),
      );
    }
    if (chain.length > MAX_EXTENDS_DEPTH) {
      fail(problemAt(current, ["extends"], `extends chain is longer than ${MAX_EXTENDS_DEPTH} policies`));
    }
    let next: Layer;
    if (isBuiltinPolicyName(ext)) next = await builtinLayer(ext);
    else {
      const target = resolve(current.baseDir, ext);
      next = await fileLayer(target, (reason) =>
        fail(
          problemAt(
            current,
            ["extends"],
            `cannot read base policy "${ext}" (${displayFile(target)}): ${reason}${didYouMean(ext, BUILTIN_POLICY_NAMES)}`,
          ),
        ),
      );
    }
    const seen = chain.findIndex((l) => l.id !== undefined && l.id === next.id);
    if (seen >= 0) {
      const loop = [...chain.slice(seen), next].map((l) => displayFile(l.label)).join(" -> ");
      fail(problemAt(current, ["extends"], `extends cycle: ${loop}`));
    }
    chain.push(next);
    current = next;
  }
}

function withoutKeys(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!keys.includes(k))
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Merges the chain, validates, and names the result. */
function finish(chain: Layer[], options: LoadOptions): LoadedPolicy {
  const baseFirst = [...chain].reverse();
  const child = chain[0]!;
  let merged: Tracked | undefined;
  baseFirst.forEach((layer, i) => {
    // Identity fields belong to the file that declares them: a base's name is not the child's.
    const drop = layer === child ? ["extends"] : ["extends", "name", "description"];
    const t = track(withoutKeys(layer.value, drop), i);
    merged = merged ? mergeTracked(merged, t) : t;
  });
  const tracked = merged!;

  const locate = (p: RawProblem): PolicyProblem & { order: number } => {
    const index = layerOf(tracked.origin, p.path);
    const layer = baseFirst[index]!;
    return { ...problemAt(layer, p.path, p.message), order: chain.indexOf(layer) };
  };

  const result = PolicySchema.safeParse(tracked.value, { reportInput: true });
  const raw: RawProblem[] = result.success
    ? []
    : result.error.issues.flatMap((issue) => issueToProblems(issue, PolicySchema));
  raw.push(...checkSemantics(tracked.value, options));
  if (raw.length > 0 || !result.success) {
    const problems = raw
      .map(locate)
      .sort(
        (a, b) =>
          a.order - b.order ||
          (a.line ?? Infinity) - (b.line ?? Infinity) ||
          (a.column ?? 0) - (b.column ?? 0),
      )
      .map(({ order: _order, ...p }) => p);
    if (problems.length > MAX_PROBLEMS) {
      const more = problems.length - MAX_PROBLEMS;
      problems.length = MAX_PROBLEMS;
      problems.push({ path: "", file: child.label, message: `... and ${more} more problems` });
    }
    throw new PolicyError(problems);
  }
  // zod shares nested default values between parses; a private copy keeps policies independent.
  const policy = structuredClone(result.data);
  delete policy.extends;
  return { policy, sources: chain.map((l) => l.label), version: policyVersion(policy) };
}

/** Loads a YAML policy file and everything it extends. Throws PolicyError listing every problem. */
export async function loadPolicyFile(path: string, options: LoadOptions = {}): Promise<LoadedPolicy> {
  const abs = resolve(path);
  const first = await fileLayer(abs, (reason) =>
    fail({ path: "", file: abs, message: `cannot read policy file: ${reason}` }),
  );
  return finish(await collectChain(first), options);
}

/** Loads policy YAML given as text; a relative `extends:` resolves against `baseDir`. */
export async function loadPolicyText(yamlText: string, options: TextLoadOptions = {}): Promise<LoadedPolicy> {
  const first = layerFromText(yamlText, options.source ?? "<inline>", resolve(options.baseDir ?? "."));
  return finish(await collectChain(first), options);
}

/** Loads one of the built-in policies: default, strict, permissive. */
export async function loadBuiltinPolicy(name: string, options: LoadOptions = {}): Promise<LoadedPolicy> {
  if (!isBuiltinPolicyName(name)) {
    fail({
      path: "",
      message: `unknown built-in policy "${name}"${didYouMean(name, BUILTIN_POLICY_NAMES)}; built-in policies: ${BUILTIN_POLICY_NAMES.join(", ")}`,
    });
  }
  return finish(await collectChain(await builtinLayer(name)), options);
}

/**
 * Any way of naming a policy: undefined (the built-in "default"), a built-in name, a YAML file path,
 * or a policy object (which may itself `extends:` a built-in or a file).
 */
export async function resolvePolicy(
  input: PolicyInput | string | undefined,
  options: ResolveOptions = {},
): Promise<LoadedPolicy> {
  if (input === undefined) return loadBuiltinPolicy("default", options);
  const baseDir = resolve(options.baseDir ?? ".");
  if (typeof input === "string") {
    if (isBuiltinPolicyName(input)) return loadBuiltinPolicy(input, options);
    return loadPolicyFile(resolve(baseDir, input), options);
  }
  const first = asLayer(input, "<object>", baseDir, undefined);
  return finish(await collectChain(first), options);
}
