/**
 * Records of a JSONL training-data file, parsed with a format adapter: each line becomes a parsed record
 * or an error naming what is wrong (the caller reports it with the line number and goes on). Blank lines
 * are skipped silently.
 */
import { CurateError } from "../errors.js";
import { detectFormat, formatByName, UnknownFormatError } from "../formats/detect.js";
import type { FormatAdapter, ParsedRecord } from "../formats/types.js";
import { readLines, type ReadLinesOptions } from "./line-reader.js";

export type RecordItem = { line: number; start: number; end: number } & (
  { ok: true; value: unknown; parsed: ParsedRecord } | { ok: false; error: string } | { ok: "blank" }
);

function article(word: string): string {
  return "aeiou".includes(word[0] ?? "") ? "an" : "a";
}

export async function* readRecords(
  path: string,
  adapter: FormatAdapter,
  options: ReadLinesOptions = {},
): AsyncGenerator<RecordItem> {
  for await (const l of readLines(path, options)) {
    const at = { line: l.line, start: l.start, end: l.end };
    if (l.text === null) {
      yield { ...at, ok: false, error: "line too long (over 64 MiB)" };
      continue;
    }
    if (l.text.trim() === "") {
      yield { ...at, ok: "blank" };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch (err) {
      yield {
        ...at,
        ok: false,
        error: `not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      };
      continue;
    }
    const parsed = adapter.parse(value);
    if (typeof parsed === "string")
      yield { ...at, ok: false, error: `not ${article(adapter.name)} ${adapter.name} record: ${parsed}` };
    else yield { ...at, ok: true, value, parsed };
  }
}

/** Lines read to detect the format. */
const DETECT_LINES = 50;

async function sampleValues(path: string): Promise<unknown[]> {
  const values: unknown[] = [];
  let lines = 0;
  for await (const l of readLines(path)) {
    if (l.text === null || l.text.trim() === "") continue;
    try {
      values.push(JSON.parse(l.text));
    } catch {
      // Malformed lines are reported in the main pass.
    }
    if (++lines >= DETECT_LINES) break;
  }
  return values;
}

/** The adapter named by `forced`, or the one the file's first records fit; a CurateError otherwise. */
export async function chooseFormat(
  path: string,
  forced: string | undefined,
  label = path,
): Promise<FormatAdapter> {
  try {
    if (forced !== undefined) return formatByName(forced);
    return detectFormat(await sampleValues(path), `"${label}"`);
  } catch (err) {
    if (err instanceof UnknownFormatError) throw new CurateError(err.message);
    throw err;
  }
}

/** Throws a one-line CurateError when the path is missing or not a regular file; returns its size. */
export async function inputSize(path: string): Promise<number> {
  const { stat } = await import("node:fs/promises");
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new CurateError(`cannot read "${path}": no such file (check the path)`);
  }
  if (!st.isFile()) throw new CurateError(`cannot read "${path}": not a regular file`);
  return st.size;
}
