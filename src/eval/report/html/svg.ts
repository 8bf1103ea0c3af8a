/** Small helpers shared by the inline SVG charts. Every text that reaches SVG goes through `escapeHtml`. */
import { escapeHtml, truncate } from "../escape.js";

/** Rounds a coordinate to 0.1 px: smaller files, same picture. */
export const r1 = (v: number) => Math.round(v * 10) / 10;

/** A text element with its full text as a tooltip when it had to be shortened. */
export function svgText(
  x: number,
  y: number,
  text: string,
  cls: string,
  anchor: "start" | "middle" | "end",
  maxChars = 200,
): string {
  const shown = truncate(text, maxChars);
  const tip = shown === text ? "" : `<title>${escapeHtml(text)}</title>`;
  return `<text x="${r1(x)}" y="${r1(y)}" class="${cls}" text-anchor="${anchor}">${tip}${escapeHtml(shown)}</text>`;
}

/** The smallest "nice" axis end at or above `max` for rates in 0..1. */
export function niceRateMax(max: number): number {
  for (const m of [0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1])
    if (max <= m + 1e-12) return m;
  return 1;
}

/** Tick step for an axis from 0 to `max`: the smallest 1, 2, 2.5 or 5 times a power of ten dividing it in at most 5. */
export function tickStep(max: number): number {
  if (!(max > 0)) return 1;
  for (let k = Math.floor(Math.log10(max)) - 2; k <= Math.floor(Math.log10(max)) + 1; k++)
    for (const f of [1, 2, 2.5, 5]) {
      const step = f * 10 ** k;
      const n = max / step;
      if (n <= 5 + 1e-9 && Math.abs(n - Math.round(n)) < 1e-6) return step;
    }
  return max;
}

/** The tick values 0, step, ..., max. */
export function ticks(max: number): number[] {
  const step = tickStep(max);
  const n = Math.round(max / step);
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? max : i * step));
}

/** A percentage tick label with as many decimals as the step needs. */
export function rateTick(v: number, max: number): string {
  const step = tickStep(max);
  const digits = step >= 0.01 ? 0 : step >= 0.001 ? 1 : 2;
  return `${(v * 100).toFixed(digits)}%`;
}

/** Natural widths: charts are drawn at these and only ever shrink to fit (text stays page-sized). */
export const FULL_WIDTH = 960;
export const HALF_WIDTH = 500;

/** The smallest 1, 2, 2.5 or 5 times a power of ten at or above `max`, for unbounded quantities. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const f of [1, 2, 2.5, 5, 10]) if (max <= f * p + 1e-12) return f * p;
  return 10 * p;
}

/** The root element: scales to its container, with a text alternative for screen readers. */
export function svgRoot(width: number, height: number, label: string, body: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${r1(width)} ${r1(height)}" width="${r1(width)}" height="${r1(height)}" ` +
    `role="img" aria-label="${escapeHtml(label)}">${body}</svg>`
  );
}

/** Width in px for the label column: the longest label at the chart font size, at most 36% of the chart. */
export function labelWidth(labels: readonly string[], maxChars: number, chartWidth: number): number {
  const longest = Math.max(0, ...labels.map((l) => Math.min(l.length, maxChars)));
  return Math.min(chartWidth * 0.36, Math.max(60, longest * 7 + 16));
}
