/**
 * Latency percentiles from the database without reading every row: the store counts decisions per
 * log-spaced latency bin (each bin √2 wide, 10 µs to about 1 minute) in one GROUP BY, and percentiles are
 * read off the bin counts, interpolated geometrically within the bin. The estimate is within one bin of
 * the exact value (at most √2 off, much less in practice) — plenty for a chart.
 */
import { sql, type RawBuilder } from "kysely";

const FIRST_EDGE_MS = 0.01;
const RATIO = Math.SQRT2;

/** Upper edges of the bins; the last bin is open-ended. */
export const LATENCY_EDGES_MS: readonly number[] = (() => {
  const edges: number[] = [];
  for (let e = FIRST_EDGE_MS; e < 60_000 * RATIO; e *= RATIO) edges.push(Number(e.toPrecision(6)));
  return edges;
})();

/** The SQL that puts a latency column into its bin number (0 .. LATENCY_EDGES_MS.length). */
export function latencyBinSql(column: "latency_ms"): RawBuilder<number> {
  // Only numbers we generated go into the text: nothing here comes from a request.
  const whens = LATENCY_EDGES_MS.map((e, i) => `when ${column} < ${e} then ${i}`).join(" ");
  return sql<number>`${sql.raw(`case ${whens} else ${LATENCY_EDGES_MS.length} end`)}`;
}

/** The q-quantile (0..1) of the distribution the bin counts describe; null when there are none. */
export function binnedQuantile(counts: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  if (total === 0) return null;
  const target = q * total;
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > 0 && before + c >= target) {
      const frac = Math.min(1, Math.max(0, (target - before) / c));
      const hi = LATENCY_EDGES_MS[i];
      if (hi === undefined) return LATENCY_EDGES_MS[LATENCY_EDGES_MS.length - 1] as number;
      if (i === 0) return hi * frac;
      const lo = LATENCY_EDGES_MS[i - 1] as number;
      return lo * (hi / lo) ** frac;
    }
    before += c;
  }
  return LATENCY_EDGES_MS[LATENCY_EDGES_MS.length - 1] as number;
}

/** The bin a latency falls in (what latencyBinSql computes in the database). */
export function latencyBin(ms: number): number {
  for (let i = 0; i < LATENCY_EDGES_MS.length; i++) if (ms < (LATENCY_EDGES_MS[i] as number)) return i;
  return LATENCY_EDGES_MS.length;
}
