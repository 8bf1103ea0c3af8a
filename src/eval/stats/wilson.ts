import { EMPTY_INTERVAL, type Interval, zFor } from "./interval.js";

/**
 * The Wilson score interval for `successes` out of `n` independent trials. Unlike the Wald interval it
 * stays inside [0, 1] and keeps its coverage near 0 and 1, where safety rates usually live.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n)
    throw new RangeError(`wilsonInterval needs integers 0 <= successes <= n, got ${successes}/${n}`);
  if (n === 0) return EMPTY_INTERVAL;
  const z = zFor(confidence);
  const z2 = z * z;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n the bound is exactly 0 or 1; rounding must not push it off.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}
