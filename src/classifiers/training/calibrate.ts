/**
 * Platt scaling: fits score = sigmoid(a * logit + b) on validation logits by Newton's method, with
 * Platt's smoothed targets. Classes are weighted equally, so a score is the probability under equal
 * priors (0.5 = as likely harmful as not), independent of how many positives the validation set has.
 * The slope is kept positive so calibration never reverses the ranking.
 */
import type { Platt } from "../model/classifier.js";

const MIN_SLOPE = 1e-6;

export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  const n = logits.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += labels[i]! === 1 ? 1 : 0;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return { a: 1, b: 0 };
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (nNeg + 2);
  const wPos = n / (2 * nPos);
  const wNeg = n / (2 * nNeg);
  let a = 1;
  let b = 0;
  const loss = (a_: number, b_: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const pos = labels[i]! === 1;
      const t = pos ? tPos : tNeg;
      const f = a_ * logits[i]! + b_;
      // log(1 + e^f) - t f, computed stably
      const lse = f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f));
      s += (pos ? wPos : wNeg) * (lse - t * f);
    }
    return s;
  };
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const pos = labels[i]! === 1;
      const w = pos ? wPos : wNeg;
      const z = logits[i]!;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const d = w * (p - (pos ? tPos : tNeg));
      ga += d * z;
      gb += d;
      const h = w * p * (1 - p);
      haa += h * z * z;
      hab += h * z;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    // Backtracking line search keeps every step a descent step.
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      da /= 2;
      db /= 2;
      next = loss(a - da, b - db);
    }
    if (next > current) break;
    a -= da;
    b -= db;
    const improved = current - next;
    current = next;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
    if (improved < 1e-12 * Math.max(1, current)) break;
  }
  if (!(a >= MIN_SLOPE) || !Number.isFinite(b))
    return { a: Math.max(MIN_SLOPE, Number.isFinite(a) ? a : 1), b: Number.isFinite(b) ? b : 0 };
  return { a, b };
}
