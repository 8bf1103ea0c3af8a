/**
 * Checks zod cannot express: every rule names a known category, custom categories do not shadow
 * built-in ones, user patterns compile with RE2, detector names exist. Runs on the merged raw value
 * (defensively typed) so its problems are reported together with the schema's.
 */
import RE2 from "re2";
import { isPlainObject } from "./merge.js";
import type { PathSegment } from "./problems.js";
import { BUILTIN_CATEGORY_IDS } from "./taxonomy.js";
import { didYouMean } from "./suggest.js";
import type { RawProblem } from "./zod-issues.js";

export interface SemanticOptions {
  /** Registered detector names; when given, detectors.enabled/disabled must name one of them. */
  knownDetectors?: readonly string[];
}

/** Rule keys that fail the id format are already reported by the schema. */
const CATEGORY_ID = /^[a-z][a-z0-9-]*$/;

/** Exported so the global ReDoS test can check it. */
export const PATTERNS: readonly RegExp[] = [CATEGORY_ID];

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function mapping(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

/** Compiles a user pattern the way detectors will; returns the RE2 error message, if any. */
export function re2Error(pattern: string): string | undefined {
  try {
    new RE2(pattern, "u");
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function checkSemantics(raw: unknown, options: SemanticOptions = {}): RawProblem[] {
  const problems: RawProblem[] = [];
  const root = mapping(raw);

  // Custom categories: no shadowing of built-ins, no duplicates.
  const custom = new Map<string, number>();
  list(root.categories).forEach((c, i) => {
    const id = mapping(c).id;
    if (typeof id !== "string") return;
    const path: PathSegment[] = ["categories", i, "id"];
    if (BUILTIN_CATEGORY_IDS.has(id)) {
      problems.push({
        path,
        message: `custom category "${id}" shadows the built-in category of the same id; configure the built-in under rules.${id}, or give yours another id`,
      });
    } else if (custom.has(id)) {
      problems.push({
        path,
        message: `category "${id}" is declared twice (first at categories[${custom.get(id)}])`,
      });
    } else custom.set(id, i);
  });
  const known = new Set([...BUILTIN_CATEGORY_IDS, ...custom.keys()]);
  const unknownCategory = (id: string) =>
    `unknown category "${id}"${didYouMean(id, known)}; built-in categories are listed by \`guardstack policy explain\`, custom ones must be declared under categories:`;

  for (const id of Object.keys(mapping(root.rules))) {
    if (CATEGORY_ID.test(id) && !known.has(id))
      problems.push({ path: ["rules", id], message: unknownCategory(id) });
  }

  // Terms: patterns must compile with RE2; findings must land in a known category.
  const terms = mapping(root.terms);
  list(terms.patterns).forEach((p, i) => {
    const entry = mapping(p);
    const name = typeof entry.name === "string" ? entry.name : `#${i}`;
    if (typeof entry.pattern === "string") {
      const error = re2Error(entry.pattern);
      if (error !== undefined) {
        problems.push({
          path: ["terms", "patterns", i, "pattern"],
          message: `pattern "${name}" does not compile with RE2 (${error}); lookarounds and backreferences are not supported`,
        });
      }
    }
    if (typeof entry.category === "string" && !known.has(entry.category)) {
      problems.push({ path: ["terms", "patterns", i, "category"], message: unknownCategory(entry.category) });
    }
  });
  list(terms.banned).forEach((t, i) => {
    const category = mapping(t).category;
    if (typeof category === "string" && !known.has(category)) {
      problems.push({ path: ["terms", "banned", i, "category"], message: unknownCategory(category) });
    }
  });

  // Detector names, when the caller knows which exist.
  if (options.knownDetectors) {
    const names = new Set(options.knownDetectors);
    const detectors = mapping(root.detectors);
    for (const field of ["enabled", "disabled"] as const) {
      list(detectors[field]).forEach((name, i) => {
        if (typeof name === "string" && !names.has(name)) {
          problems.push({
            path: ["detectors", field, i],
            message: `unknown detector "${name}"${didYouMean(name, names)}; known: ${[...names].sort().join(", ")}`,
          });
        }
      });
    }
  }
  return problems;
}
