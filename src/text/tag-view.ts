/**
 * The tag-smuggled view: ASCII spelled with Unicode tag characters (U+E0020..E007E), decoded. Each
 * character maps to the two raw units of the tag character it came from; separate runs are joined by a
 * newline that maps to the empty span at the end of the previous run.
 */
import type { TagRun } from "./invisible.js";
import { MapBuilder, OffsetMap } from "./offset-map.js";

export function buildTagView(
  rawLength: number,
  runs: readonly TagRun[],
): { text: string; map: OffsetMap } | null {
  const withPayload = runs.filter((r) => r.payload.length > 0);
  if (withPayload.length === 0) return null;
  const total = withPayload.reduce((n, r) => n + r.payload.length + 1, 0);
  const builder = new MapBuilder(OffsetMap.identity(rawLength), total);
  const parts: string[] = [];
  withPayload.forEach((run, k) => {
    if (k > 0) {
      parts.push("\n");
      const prevEnd = (withPayload[k - 1] as TagRun).end;
      builder.span(prevEnd, prevEnd, 1);
    }
    parts.push(run.payload);
    for (let i = 0; i < run.positions.length; i++) {
      const p = run.positions[i] as number;
      builder.span(p, p + 2, 1);
    }
  });
  return { text: parts.join(""), map: builder.finish() };
}
