/**
 * Scratch space for one block of signed hashed features. A hash's low bits pick the bucket and its top
 * bit the sign (colliding features cancel on average instead of piling up). Counts are summed per
 * bucket, then each becomes sign * log(1 + |count|), and the block is L2-normalised and scaled.
 *
 * Built for speed on the hot path, where a mispredicted branch costs more than the arithmetic around
 * it: adding and flushing are branch-free. Counts live in an Int16 array kept all-zero between blocks;
 * `touched` lists each bucket once, when its count leaves zero (a bucket whose count cancels back to
 * zero and leaves it again is listed twice; the flush skips the stale entry). Buffers are allocated
 * once and reused.
 */

/** log(1 + i) for every count an Int16 bucket can hold (|count| <= 32768). */
export const LOG1P = Float32Array.from({ length: 32769 }, (_, i) => Math.log1p(i));

/** 1 when x is 0, else 0 (x a 32-bit integer), without a branch. */
export function isZero(x: number): number {
  return ((x | -x) >>> 31) ^ 1;
}

export class HashAccumulator {
  readonly mask: number;
  /** Signed count per bucket; all zero between blocks. Hot loops (ngrams.ts) update it directly. */
  readonly counts: Int16Array;
  /** Buckets of the current block, in order of first use. */
  readonly touched: Int32Array;
  /** How many entries of `touched` are in use. */
  n = 0;

  /**
   * capacity: the most adds one block may receive (the caller keeps to it: ngrams.ts bounds its adds by
   * `free`, and add() ignores adds past it). Int16 counts cannot overflow while capacity < 32768.
   */
  constructor(bits: number, capacity: number) {
    if (!Number.isInteger(bits) || bits < 4 || bits > 24)
      throw new Error(`hash bits must be 4..24, got ${bits}`);
    if (capacity >= 32768) throw new Error(`capacity ${capacity} would overflow the Int16 counts`);
    this.mask = (1 << bits) - 1;
    this.counts = new Int16Array(1 << bits);
    this.touched = new Int32Array(capacity);
  }

  /** Room left in the current block (an upper bound on the adds it may still receive). */
  get free(): number {
    return this.touched.length - this.n;
  }

  /** Adds one occurrence of a feature given its 32-bit hash (signed or unsigned). */
  add(hash: number): void {
    if (this.n === this.touched.length) return;
    const b = hash & this.mask;
    const old = this.counts[b]!;
    // +1 or -1 from the top bit.
    this.counts[b] = old + (1 | (hash >> 31));
    this.touched[this.n] = b;
    this.n += isZero(old);
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
      counts[b] = 0;
      // A zero count (a stale entry, or counts that cancelled) is written and then overwritten.
      const s = c >> 31;
      const l = LOG1P[(c ^ s) - s]!;
      idx[end] = b;
      val[end] = l * (s | 1);
      sumsq += l * l;
      end += isZero(isZero(c));
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

  /**
   * The entries as exact-size arrays, and resets. Both arrays share one new buffer (with room for
   * `extraFloats` more floats after them, uninitialised, handed back as `extra`): one allocation per
   * text, not three.
   */
  take(extraFloats = 0): FeatureBuffer {
    const n = this.length;
    const out = featureBuffer(n, extraFloats);
    out.idx.set(this.idx.subarray(0, n));
    out.val.set(this.val.subarray(0, n));
    this.length = 0;
    return out;
  }
}

export interface FeatureBuffer {
  idx: Int32Array;
  val: Float32Array;
  /** Uninitialised: the caller writes every float. */
  extra: Float32Array;
}

/** Bytes of one slab that feature buffers are cut from. */
const SLAB_BYTES = 256 * 1024;
let slab: ArrayBuffer | null = null;
let slabUsed = 0;

/**
 * Room for a text's features: n indices, n values, then extraFloats floats, not zero-filled (the caller
 * overwrites every entry, the extra floats included). Cut from a shared 256 KB slab, as Node pools
 * small Buffers: creating an ArrayBuffer per text cost more than a tenth of featurising a 2 KB one. A
 * slab is freed once no text's features point into it (features live as long as their text). Larger
 * requests get a buffer of their own.
 */
export function featureBuffer(n: number, extraFloats: number): FeatureBuffer {
  // Multiples of 8 bytes keep every slice aligned for its 4-byte views.
  const bytes = (8 * n + 4 * extraFloats + 7) & ~7;
  let buf: ArrayBuffer;
  let at = 0;
  if (bytes > SLAB_BYTES / 4) {
    buf = Buffer.allocUnsafeSlow(bytes).buffer;
  } else {
    if (slab === null || slabUsed + bytes > SLAB_BYTES) {
      slab = Buffer.allocUnsafeSlow(SLAB_BYTES).buffer;
      slabUsed = 0;
    }
    buf = slab;
    at = slabUsed;
    slabUsed += bytes;
  }
  return {
    idx: new Int32Array(buf, at, n),
    val: new Float32Array(buf, at + 4 * n, n),
    extra: new Float32Array(buf, at + 8 * n, extraFloats),
  };
}
