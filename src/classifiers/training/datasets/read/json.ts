/** JSON and JSON Lines readers that report the file and line of a parse error. */
import { readText } from "./files.js";

/** Parses a whole JSON file. */
export function readJson(path: string): unknown {
  try {
    return JSON.parse(readText(path)) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new Error(`Invalid JSON in ${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Parses a JSON Lines file, one value per non-blank line. */
export function readJsonl(path: string): unknown[] {
  const out: unknown[] = [];
  const lines = readText(path).split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      out.push(JSON.parse(line) as unknown);
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new Error(`Invalid JSON on line ${i + 1} of ${path}: ${error.message}`, { cause: error });
      throw error;
    }
  });
  return out;
}

/** Narrowing helpers for untyped JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The string at `key`, or "" when absent or not a string. */
export function str(record: unknown, key: string): string {
  if (!isRecord(record)) return "";
  const value = record[key];
  return typeof value === "string" ? value : "";
}

/** The array at `key` (or the value itself when `key` is omitted), or [] when it is not an array. */
export function arr(value: unknown, key?: string): unknown[] {
  const target = key === undefined ? value : isRecord(value) ? value[key] : undefined;
  return Array.isArray(target) ? (target as unknown[]) : [];
}

/** Reads a JSON file that must hold an array. */
export function readJsonArray(path: string): unknown[] {
  const value = readJson(path);
  if (!Array.isArray(value)) throw new Error(`Expected a JSON array in ${path}`);
  return value as unknown[];
}
