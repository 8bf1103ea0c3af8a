/**
 * MinHash signatures by one-permutation hashing (Li, Owen & Zhang 2012) with densification by
 * rotation (Shrivastava & Li 2014): each character shingle is hashed once and falls into one of `bins`
 * bins, each bin keeps its minimum, and an empty bin borrows the value of the next non-empty bin to its
 * right (offset by the distance, so borrowed values only match borrowed values from the same place).
 * The share of equal bins of two signatures estimates the Jaccard similarity of the shingle sets, as
 * with `bins` independent permutations, at one hash per shingle instead of `bins`.
 *
 * Shingles are overlapping character 5-grams of the dedup text (see dedup-text.ts): robust to edited
 * words and reordered sentences, and language-agnostic (no word splitting for CJK).
 */
import { fmix32, hashRange } from "./hash32.js";

export const EMPTY_BIN = 0xffffffff;

export interface MinHashOptions {
  /** Signature length; a power of two (default 64). */
  bins?: number;
  /** Shingle length in characters (default 5). */
  shingle?: number;
}

export class MinHasher {
  readonly bins: number;
  readonly shingle: number;
  private readonly shift: number;

  constructor(options: MinHashOptions = {}) {
    this.bins = options.bins ?? 64;
    this.shingle = options.shingle ?? 5;
    const log = Math.log2(this.bins);
    if (!Number.isInteger(log) || log < 1 || log > 16)
      throw new Error("MinHash bins must be a power of two, 2..65536");
    if (!Number.isInteger(this.shingle) || this.shingle < 1)
      throw new Error("shingle length must be a positive integer");
    this.shift = 32 - log;
  }

  /**
   * Writes the signature of `text` (already dedup-normalised) into `out` (length `bins`). Returns false,
   * leaving `out` all EMPTY_BIN, for an empty text.
   */
  signature(text: string, out: Uint32Array): boolean {
    out.fill(EMPTY_BIN);
    if (text.length === 0) return false;
    const k = Math.min(this.shingle, text.length);
    const last = text.length - k;
    for (let i = 0; i <= last; i++) {
      const h = hashRange(text, i, k, 0x9747b28c);
      const bin = h >>> this.shift;
      // A second mix of the same hash orders shingles within a bin independently of the bin choice.
      let v = fmix32(h ^ 0x5bd1e995);
      if (v === EMPTY_BIN) v = EMPTY_BIN - 1;
      if (v < out[bin]!) out[bin] = v;
    }
    this.densify(out);
    return true;
  }

  private densify(sig: Uint32Array): void {
    const n = sig.length;
    let firstFull = -1;
    for (let i = 0; i < n; i++)
      if (sig[i] !== EMPTY_BIN) {
        firstFull = i;
        break;
      }
    if (firstFull < 0) return;
    // Walk right to left from the first full bin (circularly) so each empty bin finds its right neighbour.
    let nextValue = sig[firstFull]!;
    let distance = 0;
    for (let step = 1; step <= n; step++) {
      const i = (firstFull - step + n) % n;
      if (sig[i] !== EMPTY_BIN) {
        nextValue = sig[i]!;
        distance = 0;
      } else {
        distance++;
        sig[i] = (nextValue + Math.imul(distance, 0x9e3779b1)) >>> 0;
        if (sig[i] === EMPTY_BIN) sig[i] = EMPTY_BIN - 1;
      }
    }
  }
}

/** Share of equal bins: the Jaccard estimate of two signatures of the same length. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
