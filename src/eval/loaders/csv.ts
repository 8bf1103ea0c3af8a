/**
 * A small RFC 4180 CSV reader: quoted fields with delimiters, doubled quotes and line breaks inside,
 * CRLF or LF, a byte-order mark, no final newline. One pass over the characters, so linear in the input.
 */

/** Rows of fields; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let started = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    row.push(field);
    if (row.length > 1 || row[0] !== "" || started) rows.push(row);
    row = [];
    field = "";
    started = false;
  };
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      started = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
      started = true;
    } else if (c === "\n") endRow();
    else if (c === "\r") {
      if (text[i + 1] === "\n") i++;
      endRow();
    } else field += c;
  }
  if (field !== "" || row.length > 0 || started) endRow();
  return rows;
}

/** Records keyed by the header row's column names; throws naming the file when a column is missing. */
export function csvRecords(
  text: string,
  file: string,
  required: readonly string[],
): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (header === undefined)
    throw new Error(`${file} is empty (expected a CSV header with ${required.join(", ")})`);
  const names = header.map((h) => h.trim());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new Error(
      `${file} has no column ${missing.map((m) => `"${m}"`).join(", ")} (its columns: ${names.join(", ")})`,
    );
  return body.map((fields) => {
    const record: Record<string, string> = {};
    names.forEach((name, i) => (record[name] = fields[i] ?? ""));
    return record;
  });
}
