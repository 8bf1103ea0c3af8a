/**
 * The built-in suites: versioned YAML files in `builtin/` next to this module (in src/ under vitest,
 * in dist/ after the build, which copies the folder). Each is parsed once and cached.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { didYouMean } from "../../policy/suggest.js";
import type { Suite } from "../types.js";
import { parseSuite } from "./parse.js";

export const BUILTIN_SUITE_NAMES: readonly string[] = [
  "harmful",
  "jailbreak",
  "injection",
  "privacy",
  "hallucination",
  "over-refusal",
  "multilingual",
];

const cache = new Map<string, Suite>();

export function builtinSuitePath(name: string): string {
  return fileURLToPath(new URL(`./builtin/${name}.yaml`, import.meta.url));
}

/** A built-in suite by name; an unknown name throws an error listing the names. */
export function builtinSuite(name: string): Suite {
  if (!BUILTIN_SUITE_NAMES.includes(name))
    throw new Error(
      `unknown built-in suite ${JSON.stringify(name)}${didYouMean(name, BUILTIN_SUITE_NAMES)}; ` +
        `the built-in suites are: ${BUILTIN_SUITE_NAMES.join(", ")}`,
    );
  let suite = cache.get(name);
  if (suite === undefined) {
    const path = builtinSuitePath(name);
    suite = parseSuite(readFileSync(path, "utf8"), "yaml", path);
    cache.set(name, suite);
  }
  // Callers may mutate what they get; the cache keeps its own copy.
  return structuredClone(suite);
}

/** Every built-in suite, in BUILTIN_SUITE_NAMES order. */
export function builtinSuites(): Suite[] {
  return BUILTIN_SUITE_NAMES.map(builtinSuite);
}
