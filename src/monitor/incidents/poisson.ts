/**
 * The one-sided exact Poisson test behind spike detection: how likely is a count of at least k in an
 * hour when the hourly rate is λ? Summed in log space from k upwards (the terms shrink once i > λ), so
 * tiny p-values keep their precision.
 */

// Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logPmf(i: number, lambda: number): number {
  return -lambda + i * Math.log(lambda) - logGamma(i + 1);
}

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    // The tail holds most of the mass: 1 − P(X ≤ k − 1), the lower sum being the short one.
    let lower = 0;
    for (let i = 0; i < k; i++) lower += Math.exp(logPmf(i, lambda));
    return Math.max(0, Math.min(1, 1 - lower));
  }
  let sum = 0;
  let log = logPmf(k, lambda);
  for (let i = k; i < k + 100_000; i++) {
    const term = Math.exp(log);
    sum += term;
    if (term < sum * 1e-17) break;
    log += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}
