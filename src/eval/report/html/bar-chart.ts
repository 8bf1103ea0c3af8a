import { escapeHtml } from "../escape.js";
import {
  FULL_WIDTH,
  labelWidth,
  niceMax,
  niceRateMax,
  r1,
  rateTick,
  svgRoot,
  svgText,
  ticks,
} from "./svg.js";

export interface BarSeries {
  key: string;
  label: string;
  /** CSS class that colours the series, e.g. "s-asr". */
  cls: string;
}

export interface BarValue {
  series: string;
  /** NaN when there is no data; the row then says so. */
  value: number;
  low?: number;
  high?: number;
  /** Tooltip. */
  title: string;
}

export interface BarRow {
  label: string;
  values: BarValue[];
}

export interface BarChartOptions {
  ariaLabel: string;
  /** Axis end; by default the nicest value above every bar and whisker. */
  axisMax?: number;
  /** "rate": values in 0..1 printed as percentages; otherwise printed with `format`. */
  kind?: "rate" | "number";
  format: (v: number) => string;
  width?: number;
}

const BAR = 14;
const BAR_GAP = 3;
const ROW_GAP = 12;
const TOP = 22;

/**
 * Horizontal bars, one group per row and one bar per series, with confidence whiskers where given.
 * The axis starts at 0 and ends at a round value above the largest bar or whisker.
 */
export function barChart(
  rows: readonly BarRow[],
  series: readonly BarSeries[],
  options: BarChartOptions,
): string {
  const width = options.width ?? FULL_WIDTH;
  const x0 = labelWidth(
    rows.map((r) => r.label),
    34,
    width,
  );
  const x1 = width - 64;
  let top = 0;
  for (const r of rows)
    for (const v of r.values)
      top = Math.max(top, Number.isFinite(v.high) ? v.high! : 0, Number.isFinite(v.value) ? v.value : 0);
  const max = options.axisMax ?? (options.kind === "number" ? niceMax(top) : niceRateMax(top));
  const x = (v: number) => x0 + (Math.min(Math.max(v, 0), max) / max) * (x1 - x0);
  const parts: string[] = [];
  const rowH = (r: BarRow) => r.values.length * (BAR + BAR_GAP) - BAR_GAP;
  const height = TOP + rows.reduce((s, r) => s + rowH(r) + ROW_GAP, 0) + 4;

  const tickValues = ticks(max);
  tickValues.forEach((v, i) => {
    const gx = x(v);
    const label = options.kind !== "number" ? rateTick(v, max) : v === 0 ? "0" : options.format(v);
    parts.push(`<line class="grid" x1="${r1(gx)}" x2="${r1(gx)}" y1="${TOP - 6}" y2="${r1(height - 4)}"/>`);
    parts.push(svgText(gx, TOP - 10, label, "tick", i === 0 ? "start" : "middle"));
  });

  let y = TOP;
  for (const row of rows) {
    const h = rowH(row);
    parts.push(svgText(x0 - 10, y + h / 2 + 4, row.label, "lbl", "end", 34));
    for (const v of row.values) {
      const s = series.find((z) => z.key === v.series);
      const cls = s?.cls ?? "";
      const cy = y + BAR / 2;
      if (!Number.isFinite(v.value)) {
        parts.push(svgText(x0 + 6, cy + 4, `${s?.label ?? v.series}: no data`, "nodata", "start"));
      } else {
        const w = Math.max(x(v.value) - x0, v.value > 0 ? 2 : 0);
        parts.push(
          `<rect class="bar ${cls}" x="${r1(x0)}" y="${r1(y)}" width="${r1(w)}" height="${BAR}" rx="3"><title>${escapeHtml(v.title)}</title></rect>`,
        );
        let end = x0 + w;
        if (Number.isFinite(v.low) && Number.isFinite(v.high)) {
          const xl = x(v.low!);
          const xh = x(v.high!);
          parts.push(
            `<path class="whisker" d="M${r1(xl)} ${r1(cy - 4)}V${r1(cy + 4)}M${r1(xl)} ${r1(cy)}H${r1(xh)}M${r1(xh)} ${r1(cy - 4)}V${r1(cy + 4)}"><title>${escapeHtml(v.title)}</title></path>`,
          );
          end = Math.max(end, xh);
        }
        parts.push(svgText(end + 6, cy + 4, options.format(v.value), "val", "start"));
      }
      y += BAR + BAR_GAP;
    }
    y += ROW_GAP - BAR_GAP;
  }
  return svgRoot(width, height, options.ariaLabel, parts.join(""));
}

/** A legend in HTML (colours by class, so it follows the theme). */
export function legend(items: ReadonlyArray<{ label: string; cls: string }>): string {
  return `<div class="legend">${items
    .map((i) => `<span class="key"><span class="swatch ${i.cls}"></span>${escapeHtml(i.label)}</span>`)
    .join("")}</div>`;
}
