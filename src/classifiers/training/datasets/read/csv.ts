/**
 * A small RFC 4180 CSV parser (no dependency is installed for CSV). Handles quoted fields with embedded
 * delimiters, doubled quotes and line breaks, CRLF or LF line ends, and a missing final newline. One pass
 * over the characters, so linear in the input size.
 */
import { readText } from "./files.js";

/** Parses CSV text into rows of fields. Blank lines are skipped. */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let fieldStarted = false;
  const n = text.length;
  const endRow = (): void => {
    row.push(field);
    // A line with a single empty field is a blank line, not a record.
    if (row.length > 1 || row[0] !== "" || fieldStarted) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = "";
      fieldStarted = true;
    } else if (c === "\n") {
      endRow();
    } else if (c === "\r") {
      if (text[i + 1] === "\n") i++;
      endRow();
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0 || fieldStarted) endRow();
  return rows;
}

/** Reads a CSV file with a header row into records keyed by column name. Throws if a column is missing. */
export function readCsvRecords(
  path: string,
  requiredColumns: readonly string[] = [],
): Record<string, string>[] {
  const [header, ...body] = parseCsv(readText(path));
  if (header === undefined) throw new Error(`Empty CSV file: ${path}`);
  const names = header.map((h) => h.trim());
  for (const column of requiredColumns) {
    if (!names.includes(column))
      throw new Error(`CSV ${path} has no column "${column}" (has: ${names.join(", ")})`);
  }
  return body.map((fields) => {
    const record: Record<string, string> = {};
    names.forEach((name, i) => {
      record[name] = fields[i] ?? "";
    });
    return record;
  });
}

/** Reads a header-less CSV file into rows of fields. */
export function readCsvRows(path: string): string[][] {
  return parseCsv(readText(path));
}
