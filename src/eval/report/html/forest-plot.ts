import { escapeHtml } from "../escape.js";
import { points } from "../format.js";
import type { MetricComparison } from "../../compare/types.js";
import { FULL_WIDTH, labelWidth, r1, svgRoot, svgText } from "./svg.js";

const ROW = 24;
const TOP = 22;

/**
 * Differences candidate − baseline with their intervals, one row per scope, around a zero line: right of
 * zero is worse. Points are coloured by verdict.
 */
export function forestPlot(rows: readonly MetricComparison[], ariaLabel: string): string {
  const width = FULL_WIDTH;
  const x0 = labelWidth(
    rows.map((r) => r.scope),
    34,
    width,
  );
  const x1 = width - 80;
  let extent = 0.05;
  for (const r of rows)
    for (const v of [r.interval.low, r.interval.high, r.difference])
      if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  extent = [0.05, 0.1, 0.2, 0.25, 0.5, 1].find((m) => extent <= m + 1e-12) ?? 1;
  const X = (v: number) => x0 + ((v + extent) / (2 * extent)) * (x1 - x0);
  const height = TOP + rows.length * ROW + 4;
  const parts: string[] = [];
  for (const v of [-extent, -extent / 2, 0, extent / 2, extent]) {
    parts.push(
      `<line class="${v === 0 ? "zero" : "grid"}" x1="${r1(X(v))}" x2="${r1(X(v))}" y1="${TOP - 6}" y2="${height - 4}"/>`,
    );
    parts.push(svgText(X(v), TOP - 10, points(v, 0).replace(" pts", ""), "tick", "middle"));
  }
  rows.forEach((r, i) => {
    const cy = TOP + i * ROW + ROW / 2;
    parts.push(
      svgText(
        x0 - 10,
        cy + 4,
        r.scope === "all" ? "all cases" : r.scope,
        r.scope === "all" ? "lbl strong" : "lbl",
        "end",
        34,
      ),
    );
    if (!Number.isFinite(r.difference)) return;
    const cls = r.verdict === "regression" ? "v-bad" : r.verdict === "improvement" ? "v-good" : "v-none";
    const tip = `${r.scope}: ${points(r.difference)} (interval ${points(r.interval.low)} to ${points(r.interval.high)}), p=${r.pAdjusted.toPrecision(3)}, ${r.verdict}`;
    if (Number.isFinite(r.interval.low))
      parts.push(
        `<path class="whisker ${cls}" d="M${r1(X(r.interval.low))} ${r1(cy)}H${r1(X(r.interval.high))}"/>`,
      );
    parts.push(
      `<circle class="dot ${cls}" cx="${r1(X(r.difference))}" cy="${r1(cy)}" r="5"><title>${escapeHtml(tip)}</title></circle>`,
    );
    parts.push(svgText(x1 + 10, cy + 4, points(r.difference), `val ${cls}`, "start"));
  });
  return svgRoot(width, height, ariaLabel, parts.join(""));
}
