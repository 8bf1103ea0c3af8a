/**
 * Streams a JSONL file line by line in constant memory, with line numbers and bytes read (for a progress
 * bar). Malformed lines are yielded as errors with their line number, so callers report them and go on.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { UserError } from "./errors.js";

export type JsonlItem =
  | { ok: true; line: number; value: unknown; bytesRead: number }
  | { ok: false; line: number; error: string; bytesRead: number };

/** Throws a one-line UserError if the path is missing or not a regular file. */
export function fileSize(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UserError(`cannot read "${path}": no such file (check the path)`);
  }
  if (!st.isFile()) throw new UserError(`cannot read "${path}": not a regular file`);
  return st.size;
}

export async function* readJsonl(path: string): AsyncGenerator<JsonlItem> {
  fileSize(path);
  const stream = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let bytesRead = 0;
  for await (const text of lines) {
    line++;
    bytesRead += Buffer.byteLength(text, "utf8") + 1;
    if (text.trim() === "") continue;
    try {
      yield { ok: true, line, value: JSON.parse(text) as unknown, bytesRead };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      yield { ok: false, line, error: `not valid JSON (${why})`, bytesRead };
    }
  }
}

/** How many bad lines, before any good one, mean the file is not JSONL at all. */
const NOT_JSONL_AFTER = 20;

/**
 * Tracks bad lines; throws a one-line UserError when a file's first lines are all bad (a wrong file
 * format), instead of reporting every line of, say, a CSV file.
 */
export class BadLineTracker {
  bad = 0;
  good = 0;
  constructor(private readonly path: string) {}

  ok(): void {
    this.good++;
  }

  fail(line: number, why: string): void {
    this.bad++;
    console.error(`${this.path}:${line}: ${why}; skipped`);
    if (this.good === 0 && this.bad >= NOT_JSONL_AFTER) {
      throw new UserError(
        `"${this.path}" does not look like JSONL: its first ${this.bad} lines are not records; expected one JSON object per line, {"id", "text"} or {"id", "messages"}`,
      );
    }
  }
}
