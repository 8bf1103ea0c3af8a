/**
 * File access for dataset loaders: every read goes through here so a wrong data root fails with one clear
 * message that names the missing path, instead of a bare ENOENT deep inside a parser.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Throws an error naming the path (and what it was wanted for) when it does not exist. */
export function requirePath(path: string, what = "dataset file"): string {
  if (!existsSync(path)) {
    throw new Error(`Missing ${what}: ${path} (is the datasets root right? set GUARDSTACK_DATA)`);
  }
  return path;
}

/** Reads a UTF-8 text file, dropping a leading byte-order mark. */
export function readText(path: string): string {
  const text = readFileSync(requirePath(path), "utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Sorted entries of a directory (sorted so that loading order, and therefore sampling, is stable). */
export function listDir(dir: string): string[] {
  return readdirSync(requirePath(dir, "dataset folder")).sort();
}

/** Sorted paths of the files in a directory whose names end with `suffix`. */
export function listFiles(dir: string, suffix: string): string[] {
  return listDir(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}
