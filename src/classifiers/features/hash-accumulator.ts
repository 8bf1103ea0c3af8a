/**
 * Scratch space for one block of signed hashed features. A hash's low bits pick the bucket and its top
 * bit the sign (colliding features cancel on average instead of piling up). Counts are summed per
 * bucket, then each becomes sign * log(1 + |count|), and the block is L2-normalised and scaled.
 *
 * Built for speed on the hot path: adding is branch-free (an Int16 count per bucket, kept all-zero
 * between texts, and a list of the buckets touched); flushing visits only the touched buckets and
 * resets them. Buffers are allocated once and reused.
 */
const LOG1P = Float32Array.from({ length: 256 }, (_, i) => Math.log1p(i));

export class HashAccumulator {
  readonly mask: number;
  /** Signed count per bucket; all zero between blocks. Hot loops (ngrams.ts) update it directly. */
  readonly counts: Int16Array;
  /** Buckets touched by the current block, in order, with repeats. */
  readonly touched: Int32Array;
  /** How many entries of `touched` are in use. */
  n = 0;

  /** capacity: the most adds one block may receive (further adds are ignored). */
  constructor(bits: number, capacity: number) {
    if (!Number.isInteger(bits) || bits < 4 || bits > 24)
      throw new Error(`hash bits must be 4..24, got ${bits}`);
    this.mask = (1 << bits) - 1;
    this.counts = new Int16Array(1 << bits);
    this.touched = new Int32Array(capacity);
  }

  /** Room left in the current block. */
  get free(): number {
    return this.touched.length - this.n;
  }

  /** Adds one occurrence of a feature given its 32-bit hash (signed or unsigned). */
  add(hash: number): void {
    if (this.n === this.touched.length) return;
    const b = hash & this.mask;
    // +1 or -1 from the top bit; Int16 wraps only past 32,767 adds, more than any block's capacity.
    this.counts[b]! += 1 | (hash >> 31);
    this.touched[this.n++] = b;
  }

  /** Writes the block's non-zero buckets to `out`, log-scaled, L2-normalised and times `scale`; resets. */
  flush(out: SparseBuilder, scale: number): void {
    const counts = this.counts;
    const touched = this.touched;
    const n = this.n;
    out.reserve(n);
    const idx = out.idx;
    const val = out.val;
    const start = out.length;
    let end = start;
    let sumsq = 0;
    for (let k = 0; k < n; k++) {
      const b = touched[k]!;
      const c = counts[b]!;
      if (c === 0) continue; // a repeat of a bucket already written (or counts that cancelled)
      counts[b] = 0;
      const a = c < 0 ? -c : c;
      const l = a < 256 ? LOG1P[a]! : Math.log1p(a);
      idx[end] = b;
      val[end++] = c < 0 ? -l : l;
      sumsq += l * l;
    }
    this.n = 0;
    const f = sumsq > 0 ? scale / Math.sqrt(sumsq) : 0;
    for (let k = start; k < end; k++) val[k]! *= f;
    out.length = end;
  }
}

/** A growable (index, value) list that hands out exact-size typed arrays. */
export class SparseBuilder {
  idx: Int32Array;
  val: Float32Array;
  length = 0;

  constructor(capacity = 4096) {
    this.idx = new Int32Array(capacity);
    this.val = new Float32Array(capacity);
  }

  /** Makes room for `more` entries past the current length. */
  reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.idx.length) return;
    let size = this.idx.length * 2;
    while (size < need) size *= 2;
    const idx = new Int32Array(size);
    idx.set(this.idx.subarray(0, this.length));
    const val = new Float32Array(size);
    val.set(this.val.subarray(0, this.length));
    this.idx = idx;
    this.val = val;
  }

  take(): { idx: Int32Array; val: Float32Array } {
    const out = { idx: this.idx.slice(0, this.length), val: this.val.slice(0, this.length) };
    this.length = 0;
    return out;
  }
}
