/**
 * Loading a policy for the curate commands: the guard policy (for detector settings and the redaction
 * mode) plus this room's sections (`curate`, `principles`, `pairs`, see config.ts), read from the same
 * YAML file. The sections are taken out before the guard policy is validated, so a policy file with
 * them loads whether or not the policy schema knows them yet. Only the named file's own sections are
 * read; a base it `extends` contributes its guard policy, not its sections.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { builtinDetectors } from "../detectors/builtin.js";
import { isBuiltinPolicyName } from "../policy/builtin-policies.js";
import { loadPolicyFile, loadPolicyText, resolvePolicy, type LoadedPolicy } from "../policy/load.js";
import { PolicyError } from "../policy/problems.js";
import { CurateSections, SECTION_KEYS, type CurateSectionsT } from "./config.js";

export interface CuratePolicy {
  loaded: LoadedPolicy;
  sections: CurateSectionsT;
}

function knownDetectors(): string[] {
  return builtinDetectors().map((d) => d.name);
}

/** Validates the sections object; problems are reported as PolicyError with their YAML paths. */
export function parseSections(value: unknown, file = "<object>"): CurateSectionsT {
  const parsed = CurateSections.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new PolicyError(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      file,
      message: issue.message,
    })),
  );
}

/** A built-in name (default, strict, permissive), a YAML file path, or undefined for "default". */
export async function loadCuratePolicy(input?: string): Promise<CuratePolicy> {
  const options = { knownDetectors: knownDetectors() };
  if (input === undefined || isBuiltinPolicyName(input)) {
    return { loaded: await resolvePolicy(input, options), sections: parseSections({}) };
  }
  const path = resolve(input);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    // The policy loader words the read error the same way as for every other command.
    return { loaded: await loadPolicyFile(path, options), sections: parseSections({}) };
  }
  const doc = parseDocument(text);
  const top: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
  const present =
    top !== null && typeof top === "object" ? SECTION_KEYS.filter((k) => Object.hasOwn(top, k)) : [];
  if (present.length === 0)
    return { loaded: await loadPolicyFile(path, options), sections: parseSections({}) };
  const sectionValues: Record<string, unknown> = {};
  for (const k of present) {
    sectionValues[k] = (top as Record<string, unknown>)[k];
    doc.delete(k);
  }
  const sections = parseSections(sectionValues, path);
  const loaded = await loadPolicyText(doc.toString(), { ...options, source: path, baseDir: dirname(path) });
  return { loaded, sections };
}

/** zod's shape of the sections, for callers that build settings in code. */
export type CurateSectionsInput = z.input<typeof CurateSections>;
