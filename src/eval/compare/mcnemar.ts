/**
 * The exact McNemar test: under "no change", each discordant pair is equally likely to go either way, so
 * the smaller discordant count is Binomial(b + c, 1/2). The two-sided p-value doubles its lower tail.
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0)
    throw new RangeError(`mcnemarExact needs non-negative integer counts, got ${b} and ${c}`);
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
}

/**
 * P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so large n neither underflows (0.5^n) nor
 * overflows (n choose k). Terms grow with i up to n/2, so the last term is the largest: scale by it.
 */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const logs: number[] = [];
  let logChoose = 0;
  for (let i = 0; i <= k; i++) {
    logs.push(logChoose);
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  const top = Math.max(...logs);
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - top);
  return Math.min(1, Math.exp(top + Math.log(sum) - n * Math.LN2));
}
