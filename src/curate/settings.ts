/** The effective curate settings of a run: the policy's `curate:` section with command-line overrides on top. */
import type { CurateSettingsT, DedupMode, PiiMode } from "./config.js";
import { CurateSettings } from "./config.js";
import { CHECKS, type CheckName } from "./reasons.js";
import { CurateError } from "./errors.js";

export interface CurateOverrides {
  pii?: PiiMode;
  dedup?: DedupMode;
  languages?: string[];
  nearThreshold?: number;
  dedupWindow?: number;
}

export function effectiveSettings(fromPolicy: CurateSettingsT, o: CurateOverrides): CurateSettingsT {
  const merged = structuredClone(fromPolicy);
  if (o.pii !== undefined) merged.pii = o.pii;
  if (o.dedup !== undefined) merged.dedup = o.dedup;
  if (o.languages !== undefined) merged.languages = o.languages;
  if (o.nearThreshold !== undefined) merged.nearDuplicate.threshold = o.nearThreshold;
  if (o.dedupWindow !== undefined) merged.nearDuplicate.window = o.dedupWindow;
  const parsed = CurateSettings.safeParse(merged);
  if (!parsed.success)
    throw new CurateError(
      `invalid curate settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Parses a `--checks` list (comma-separated); every check when undefined. */
export function parseChecks(list: readonly string[] | undefined): Set<CheckName> {
  if (list === undefined) return new Set(CHECKS);
  const out = new Set<CheckName>();
  for (const raw of list) {
    const name = raw.trim();
    if (name === "") continue;
    if (!(CHECKS as readonly string[]).includes(name))
      throw new CurateError(`unknown check "${name}": use any of ${CHECKS.join(", ")}`);
    out.add(name as CheckName);
  }
  if (out.size === 0) throw new CurateError(`no checks selected: use any of ${CHECKS.join(", ")}`);
  return out;
}
