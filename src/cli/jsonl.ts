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

/** Standard input's name on the command line. */
export const STDIN = "-";

/**
 * The file's size in bytes, for a progress bar (0 for standard input, whose size is unknown). Throws a
 * one-line UserError if the path is missing or not a regular file.
 */
export function fileSize(path: string): number {
  if (path === STDIN) return 0;
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
  const stream = path === STDIN ? process.stdin : createReadStream(path, { encoding: "utf8" });
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
  private lastWhy = "";
  /**
   * `expected` ends the message when the first lines are all bad: what a line should be. Without it,
   * the file is taken for something other than JSONL (classify passes its own, for its fields).
   */
  constructor(
    private readonly path: string,
    private readonly expected?: string,
  ) {}

  ok(): void {
    this.good++;
  }

  /** Call after the last line: a file with bad lines and no good one is an error, not an empty result. */
  finish(): void {
    if (this.good === 0 && this.bad > 0) {
      throw new UserError(
        `no usable record in "${this.path}": all ${this.bad} lines were skipped (see the messages above)`,
      );
    }
  }

  fail(line: number, why: string): void {
    this.bad++;
    this.lastWhy = why;
    console.error(`${this.path}:${line}: ${why}; skipped`);
    if (this.good === 0 && this.bad >= NOT_JSONL_AFTER) {
      if (this.expected !== undefined)
        throw new UserError(
          `"${this.path}": its first ${this.bad} records were all skipped (the last: ${this.lastWhy}); ${this.expected}`,
        );
      throw new UserError(
        `"${this.path}" does not look like JSONL: its first ${this.bad} lines are not records; expected one JSON object per line, {"id", "text"} or {"id", "messages"}`,
      );
    }
  }
}
