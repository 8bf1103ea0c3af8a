/**
 * The records `classify` reads: JSONL (one JSON object per line), or CSV / TSV with a header row, each
 * row becoming an object keyed by the header. The format comes from `--format` or the file's extension.
 * Rows stream in constant memory, standard input ("-") included; a malformed JSONL line is yielded as an
 * error with its line number, and a CSV the parser cannot read stops with a one-line UserError.
 */
import { createReadStream } from "node:fs";
import { parse, type Info } from "csv-parse";
import { UserError } from "./errors.js";
import { STDIN, fileSize, readJsonl, type JsonlItem } from "./jsonl.js";

export const INPUT_FORMATS = ["jsonl", "csv", "tsv"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** `--format` when given, else the file's extension (.csv, .tsv or .tab), else JSONL. */
export function inputFormat(path: string, format: string | undefined): InputFormat {
  if (format !== undefined) {
    if ((INPUT_FORMATS as readonly string[]).includes(format)) return format as InputFormat;
    throw new UserError(`--format must be one of ${INPUT_FORMATS.join(", ")}, got "${format}"`);
  }
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return "tsv";
  return "jsonl";
}

interface CsvRow {
  record: Record<string, string>;
  info: Info;
}

async function* readDelimited(path: string, format: "csv" | "tsv"): AsyncGenerator<JsonlItem> {
  fileSize(path);
  const input = path === STDIN ? process.stdin : createReadStream(path);
  const parser = input.pipe(
    parse({
      columns: true,
      bom: true,
      delimiter: format === "tsv" ? "\t" : ",",
      // TSV files rarely quote: a stray " in a text must stay a character, not open a quoted field.
      quote: format === "tsv" ? false : '"',
      skip_empty_lines: true,
      // A short or long row is reported by the caller (a missing field), not a reason to stop the file.
      relax_column_count: true,
      info: true,
    }),
  );
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      yield { ok: true, line: row.info.lines, value: row.record, bytesRead: row.info.bytes };
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `"${path}" is not readable as ${format.toUpperCase()}: ${why} (pass --format jsonl, csv or tsv if the extension misleads)`,
    );
  } finally {
    input.unpipe(parser);
    if (input !== process.stdin) input.destroy();
  }
}

export function readRecords(path: string, format: InputFormat): AsyncGenerator<JsonlItem> {
  return format === "jsonl" ? readJsonl(path) : readDelimited(path, format);
}
