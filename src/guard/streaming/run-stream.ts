/** Runs a whole text through the stream rail under a given chunking: for tests, benchmarks and replays. */
import { guardStream } from "./guard-stream.js";
import type { StreamCheckGuard, StreamEvent, StreamGuardOptions } from "./types.js";

export interface StreamRun {
  events: StreamEvent[];
  /** All released text, in order. */
  released: string;
  blocked: Extract<StreamEvent, { type: "blocked" }> | undefined;
  end: Extract<StreamEvent, { type: "end" }> | undefined;
}

/** Splits `text` at the given offsets (any order, duplicates and out-of-range ones ignored). */
export function chunkAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
}

export async function* fromChunks(chunks: readonly string[]): AsyncGenerator<string> {
  for (const c of chunks) {
    await Promise.resolve();
    yield c;
  }
}

export async function runStream(
  guard: StreamCheckGuard,
  chunks: readonly string[],
  options: StreamGuardOptions = {},
): Promise<StreamRun> {
  const events: StreamEvent[] = [];
  for await (const ev of guardStream(guard, fromChunks(chunks), options)) events.push(ev);
  let released = "";
  for (const ev of events) if (ev.type === "text") released += ev.text;
  return {
    events,
    released,
    blocked: events.find((e): e is Extract<StreamEvent, { type: "blocked" }> => e.type === "blocked"),
    end: events.find((e): e is Extract<StreamEvent, { type: "end" }> => e.type === "end"),
  };
}
