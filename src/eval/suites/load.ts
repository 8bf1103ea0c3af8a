/** Reading a suite file: YAML or JSONL, told apart by extension, else by content. */
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { Suite } from "../types.js";
import { SuiteError } from "./errors.js";
import { parseSuite } from "./parse.js";

/**
 * `.jsonl` / `.ndjson` are JSONL and `.yaml` / `.yml` / `.json` are YAML (JSON is YAML). Otherwise a
 * file whose first two non-blank lines both start with "{" is JSONL; anything else is YAML.
 */
export function detectSuiteFormat(path: string, text: string): "yaml" | "jsonl" {
  const ext = extname(path).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".yaml" || ext === ".yml" || ext === ".json") return "yaml";
  const lines: string[] = [];
  for (const line of text.split("\n", 64)) {
    const t = line.trim();
    if (t !== "") lines.push(t);
    if (lines.length === 2) break;
  }
  return lines.length > 0 && lines.every((l) => l.startsWith("{") && l.endsWith("}")) ? "jsonl" : "yaml";
}

/** Loads and validates a suite file; throws SuiteError (bad content) or a one-line error (unreadable). */
export async function loadSuiteFile(path: string): Promise<Suite> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : (err as Error).message;
    throw new SuiteError([
      {
        file,
        path: "",
        message: `cannot read the suite: ${why}`,
        fix: "pass the path of a .yaml or .jsonl suite file",
      },
    ]);
  }
  return parseSuite(text, detectSuiteFormat(file, text), file);
}
