/**
 * A bounded MinHash LSH index for streaming near-duplicate detection. A signature of bands × rows bins
 * is cut into `bands` bands; two records whose signatures agree on every bin of at least one band become
 * candidates (probability 1 − (1 − J^rows)^bands for Jaccard similarity J), and a candidate counts only
 * if its whole signature agrees on at least `threshold` of the bins.
 *
 * Memory is bounded by `window`: records are indexed in two generations of window/2 each; when the
 * newer is full the older is dropped, so the index always remembers the latest window/2 to window
 * records and never more. Per record it keeps `bands` table entries (16 to 32 bytes each: the tables
 * double when half full), a 16-bit copy of each signature bin, an exact-duplicate hash and the record's
 * reference number — about 700 bytes with 16 bands of 4 rows (measured in BENCHMARKS.md).
 */
import { fmix32 } from "./hash32.js";
import { IntTable } from "./int-table.js";

export interface LshOptions {
  bands: number;
  rows: number;
  /** Share of equal signature bins from which a candidate is a near duplicate. */
  threshold: number;
  /** Most records remembered. */
  window: number;
  /** Candidates verified per query at most (a bound on work for text that collides with many records). */
  maxCandidates?: number;
}

export interface Match {
  kind: "duplicate" | "near-duplicate";
  /** Estimated Jaccard similarity (1 for an exact duplicate). */
  similarity: number;
  /** The earlier record's reference, as given when it was added (e.g. its line in the clean output). */
  ref: number;
}

class GrowableU16 {
  data: Uint16Array;
  constructor(initial: number) {
    this.data = new Uint16Array(initial);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < n) cap *= 2;
    const next = new Uint16Array(cap);
    next.set(this.data);
    this.data = next;
  }
}

class GrowableI32 {
  data: Int32Array;
  constructor(initial: number) {
    this.data = new Int32Array(initial);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < n) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data);
    this.data = next;
  }
}

class Generation {
  count = 0;
  readonly bandTable = new IntTable(4096);
  readonly exactTable = new IntTable(1024);
  readonly exactHi = new GrowableI32(256);
  readonly refs = new GrowableI32(256);
  readonly sigs: GrowableU16;
  constructor(private readonly bins: number) {
    this.sigs = new GrowableU16(256 * bins);
  }
  get bytes(): number {
    return (
      this.bandTable.bytes +
      this.exactTable.bytes +
      this.exactHi.data.byteLength +
      this.refs.data.byteLength +
      this.sigs.data.byteLength
    );
  }
  agreement(index: number, sig: Uint32Array): number {
    const base = index * this.bins;
    const stored = this.sigs.data;
    let same = 0;
    for (let i = 0; i < this.bins; i++) if (stored[base + i] === (sig[i]! & 0xffff)) same++;
    return same / this.bins;
  }
}

export class LshIndex {
  private current: Generation;
  private previous: Generation | undefined;
  private readonly perGeneration: number;
  private readonly bins: number;
  private readonly bandKeys: Uint32Array;
  private readonly maxCandidates: number;

  constructor(private readonly options: LshOptions) {
    this.bins = options.bands * options.rows;
    this.perGeneration = Math.max(1, Math.ceil(options.window / 2));
    this.current = new Generation(this.bins);
    this.bandKeys = new Uint32Array(options.bands);
    this.maxCandidates = options.maxCandidates ?? 32;
  }

  /** Records currently remembered. */
  get size(): number {
    return this.current.count + (this.previous?.count ?? 0);
  }

  /** Bytes held by the index's arrays. */
  get bytes(): number {
    return this.current.bytes + (this.previous?.bytes ?? 0);
  }

  private computeBandKeys(sig: Uint32Array): void {
    const { bands, rows } = this.options;
    for (let b = 0; b < bands; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1);
      for (let r = 0; r < rows; r++) h = fmix32(h ^ sig[b * rows + r]!);
      this.bandKeys[b] = h;
    }
  }

  private findExact(lo: number, hi: number): Match | undefined {
    for (const g of [this.current, this.previous]) {
      if (!g) continue;
      const i = g.exactTable.get(lo);
      if (i >= 0 && g.exactHi.data[i] === (hi | 0))
        return { kind: "duplicate", similarity: 1, ref: g.refs.data[i]! };
    }
    return undefined;
  }

  private findNear(sig: Uint32Array): Match | undefined {
    let checked = 0;
    for (const g of [this.current, this.previous]) {
      if (!g) continue;
      let lastIndex = -1;
      for (let b = 0; b < this.options.bands && checked < this.maxCandidates; b++) {
        const i = g.bandTable.get(this.bandKeys[b]!);
        if (i < 0 || i === lastIndex) continue;
        lastIndex = i;
        checked++;
        const sim = g.agreement(i, sig);
        if (sim >= this.options.threshold)
          return { kind: "near-duplicate", similarity: sim, ref: g.refs.data[i]! };
      }
    }
    return undefined;
  }

  /**
   * Looks a record up; when it is new, remembers it. `exact` is a 64-bit hash as two 32-bit halves;
   * `sig` (null for exact-only dedup or an empty text) a MinHash signature of bands × rows bins.
   */
  checkAndAdd(exact: readonly [number, number], sig: Uint32Array | null, ref: number): Match | undefined {
    const found = this.findExact(exact[0], exact[1]);
    if (found) return found;
    if (sig) {
      this.computeBandKeys(sig);
      const near = this.findNear(sig);
      if (near) return near;
    }
    this.add(exact, sig, ref);
    return undefined;
  }

  private add(exact: readonly [number, number], sig: Uint32Array | null, ref: number): void {
    if (this.current.count >= this.perGeneration) {
      this.previous = this.current;
      this.current = new Generation(this.bins);
    }
    const g = this.current;
    const i = g.count++;
    g.exactTable.set(exact[0], i);
    g.exactHi.ensure(i + 1);
    g.exactHi.data[i] = exact[1] | 0;
    g.refs.ensure(i + 1);
    g.refs.data[i] = ref;
    if (sig) {
      g.sigs.ensure((i + 1) * this.bins);
      const base = i * this.bins;
      for (let k = 0; k < this.bins; k++) g.sigs.data[base + k] = sig[k]! & 0xffff;
      for (let b = 0; b < this.options.bands; b++) g.bandTable.set(this.bandKeys[b]!, i);
    }
  }
}
