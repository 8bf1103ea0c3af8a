/**
 * Streams a record file through an async step per record — in input order, up to `concurrency` steps in
 * flight — and writes the lines each result yields to a JSONL file, respecting backpressure. Shared by
 * `pairs` and `revise`: malformed lines go to onBadLine and the run goes on; a step's error stops it.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { FormatAdapter, ParsedRecord } from "../formats/types.js";
import { orderedMap } from "../ordered-pool.js";
import { readRecords, type RecordItem } from "./records.js";

export interface MapRecordsOptions<R> {
  input: string;
  adapter: FormatAdapter;
  out: string;
  concurrency: number;
  step: (parsed: ParsedRecord, value: unknown) => Promise<R>;
  /** Takes one record's result (counting it as the caller likes); returns the lines to write. */
  onResult: (result: R) => string[];
  onBadLine?: (line: number, error: string) => void;
  /** After each record: bytes read so far and records stepped. */
  onProgress?: (p: { bytes: number; records: number }) => void;
}

export async function mapRecordsToFile<R>(
  o: MapRecordsOptions<R>,
): Promise<{ records: number; malformed: number }> {
  const counts = { records: 0, malformed: 0 };
  const out = createWriteStream(o.out, { encoding: "utf8" });
  const work = async (item: RecordItem): Promise<{ item: RecordItem; result?: R; error?: Error }> => {
    if (item.ok !== true) return { item };
    try {
      return { item, result: await o.step(item.parsed, item.value) };
    } catch (err) {
      return { item, error: err instanceof Error ? err : new Error(String(err)) };
    }
  };
  try {
    for await (const { item, result, error } of orderedMap(
      readRecords(o.input, o.adapter),
      o.concurrency,
      work,
    )) {
      if (error !== undefined) throw error;
      if (item.ok === false) {
        counts.malformed++;
        o.onBadLine?.(item.line, item.error);
      } else if (item.ok === true && result !== undefined) {
        counts.records++;
        for (const line of o.onResult(result)) if (!out.write(line + "\n")) await once(out, "drain");
      }
      o.onProgress?.({ bytes: item.end, records: counts.records });
    }
  } finally {
    out.end();
    await once(out, "finish").catch(() => undefined);
  }
  return counts;
}
