/**
 * A provider from a config file (YAML or JSON), as `--provider-config` names it: `{kind: openai, model,
 * baseURL, apiKeyEnv}`, `{kind: anthropic, ...}` or `{kind: replay, path}` (see providers/from-config.ts).
 * Relative paths inside resolve against the file's folder.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { providerFromConfig } from "../providers/from-config.js";
import type { Provider } from "../providers/types.js";
import { CurateError } from "./errors.js";

function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split("\n")[0] ?? m;
}

export function providerFromFile(path: string): Provider {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch {
    throw new CurateError(`cannot read provider config "${path}": no such file`);
  }
  let cfg: unknown;
  try {
    cfg = parse(text);
  } catch (err) {
    throw new CurateError(`provider config "${path}" is not valid YAML or JSON: ${firstLine(err)}`);
  }
  try {
    return providerFromConfig(cfg, { baseDir: dirname(abs) });
  } catch (err) {
    throw new CurateError(`provider config "${path}": ${firstLine(err)}`);
  }
}
