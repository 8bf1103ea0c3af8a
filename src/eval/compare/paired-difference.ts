import type { Interval } from "../stats/interval.js";
import { wilsonInterval } from "../stats/wilson.js";

/**
 * A paired 2x2 table over the same cases in two runs, counting an event (an attack that succeeded, a
 * benign case refused) in the baseline A and the candidate B.
 */
export interface PairedTable {
  /** Event in both runs. */
  both: number;
  /** Event in A only: the candidate fixed it. */
  onlyA: number;
  /** Event in B only: the candidate broke it. */
  onlyB: number;
  /** Event in neither. */
  neither: number;
}

export function pairedTotal(t: PairedTable): number {
  return t.both + t.onlyA + t.onlyB + t.neither;
}

/**
 * Newcombe's hybrid score interval for the paired difference rate(B) - rate(A) (Newcombe 1998, method
 * 10, as in Altman et al., "Statistics with Confidence"): the two Wilson intervals combined, with the
 * correlation of the pairs (phi, continuity-corrected) accounted for. Good coverage at small counts and
 * near 0, where the Wald interval fails.
 */
export function pairedDifferenceInterval(t: PairedTable, confidence = 0.95): Interval {
  const n = pairedTotal(t);
  if (n === 0) return { low: NaN, high: NaN };
  // Group 1 is B, group 2 is A; r, s, t, u as in Newcombe's notation.
  const r = t.both;
  const s = t.onlyB;
  const tt = t.onlyA;
  const u = t.neither;
  const p1 = (r + s) / n;
  const p2 = (r + tt) / n;
  const d = p1 - p2;
  const w1 = wilsonInterval(r + s, n, confidence);
  const w2 = wilsonInterval(r + tt, n, confidence);
  const margins = (r + s) * (tt + u) * (r + tt) * (s + u);
  let phi = 0;
  if (margins > 0) {
    const cross = r * u - s * tt;
    const corrected = cross > n / 2 ? cross - n / 2 : cross < 0 ? cross : 0;
    phi = corrected / Math.sqrt(margins);
  }
  const dl1 = p1 - w1.low;
  const du1 = w1.high - p1;
  const dl2 = p2 - w2.low;
  const du2 = w2.high - p2;
  const lower = d - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
  const upper = d + Math.sqrt(Math.max(0, dl2 * dl2 - 2 * phi * dl2 * du1 + du1 * du1));
  return { low: Math.max(-1, lower), high: Math.min(1, upper) };
}
