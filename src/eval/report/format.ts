/** Number formatting shared by the reports; NaN (no data) prints as an em dash. */
import type { Interval } from "../stats/interval.js";

export const NO_DATA = "—";

export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : NO_DATA;
}

export function interval(i: Interval, digits = 1): string {
  return Number.isFinite(i.low) ? `[${pct(i.low, digits)}, ${pct(i.high, digits)}]` : NO_DATA;
}

/** A signed difference in percentage points, e.g. "+3.2 pts". */
export function points(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return NO_DATA;
  const v = (x * 100).toFixed(digits);
  return `${x > 0 ? "+" : x < 0 ? "" : "±"}${v} pts`;
}

export function pValue(p: number): string {
  if (!Number.isFinite(p)) return NO_DATA;
  if (p < 0.001) return "<0.001";
  return p.toFixed(3);
}

export function ms(x: number): string {
  if (!Number.isFinite(x)) return NO_DATA;
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** The label of a strategy group: seed cases have none. */
export function strategyLabel(key: string): string {
  return key === "" ? "(seed)" : key;
}
