/**
 * Offset maps from a view's UTF-16 units back to the raw text. A map records, for each view unit, the
 * half-open raw span it came from; a null table means the identity (unit i came from raw [i, i+1)).
 * Maps stay monotone (spans of later units never start before spans of earlier ones), so the raw span
 * of a view span [s, e) is simply [start of unit s, end of unit e-1].
 */
import type { Span } from "./types.js";

export class OffsetMap {
  constructor(
    /** Number of view units the map covers. */
    readonly length: number,
    /** Raw start of each view unit, or null for the identity. */
    readonly starts: Int32Array | null = null,
    /** Raw end of each view unit, or null for the identity. */
    readonly ends: Int32Array | null = null,
  ) {}

  static identity(length: number): OffsetMap {
    return new OffsetMap(length);
  }

  get isIdentity(): boolean {
    return this.starts === null;
  }

  startOf(i: number): number {
    return this.starts === null ? i : (this.starts[i] as number);
  }

  endOf(i: number): number {
    return this.ends === null ? i + 1 : (this.ends[i] as number);
  }

  /** The raw position of the boundary just before view unit p (p may equal length). */
  pointOf(p: number): number {
    if (p < this.length) return this.startOf(p);
    return this.length > 0 ? this.endOf(this.length - 1) : 0;
  }

  /** The first n units of this map. */
  prefix(n: number): OffsetMap {
    return n === this.length ? this : new OffsetMap(n, this.starts, this.ends);
  }

  toRaw(span: Span): Span {
    let s = clampIndex(span[0], this.length);
    let e = clampIndex(span[1], this.length);
    if (e < s) [s, e] = [e, s];
    if (s === e) {
      const p = this.pointOf(s);
      return [p, p];
    }
    return [this.startOf(s), this.endOf(e - 1)];
  }
}

function clampIndex(v: number, max: number): number {
  if (!(v > 0)) return 0; // also catches NaN
  return v >= max ? max : Math.floor(v);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Widens a raw span so it never cuts a surrogate pair of the raw text in half. */
export function widenToCodePoints(raw: string, span: Span): Span {
  let [s, e] = span;
  const inPair = (i: number) =>
    i > 0 && i < raw.length && isLow(raw.charCodeAt(i)) && isHigh(raw.charCodeAt(i - 1));
  if (s === e) return inPair(s) ? [s - 1, s - 1] : span; // a point moves to the pair's start
  if (inPair(s)) s--;
  if (inPair(e)) e++;
  return [s, e];
}

/** The toRaw function of a view: map through `map`, then widen to whole code points. */
export function toRawFn(raw: string, map: OffsetMap): (span: Span) => Span {
  return (span: Span): Span => widenToCodePoints(raw, map.toRaw(span));
}

/**
 * Builds the map of a view derived from a parent view. Each push says which parent units produced the
 * next view units; spans are stored in raw coordinates straight away (through the parent's map), so
 * chains of views never need composing later. While every unit maps to the parent unit at the same
 * index, no table is allocated and the parent map itself (or a prefix of it) is the result.
 */
export class MapBuilder {
  private starts: Int32Array | null = null;
  private ends: Int32Array | null = null;
  private n = 0;

  constructor(
    private readonly parent: OffsetMap,
    private readonly capacityHint: number,
  ) {}

  get size(): number {
    return this.n;
  }

  /** Emits `count` view units copied one to one from parent units [ps, ps + count). */
  copy(ps: number, count: number): void {
    if (count <= 0) return;
    if (this.starts === null && ps === this.n) {
      this.n += count;
      return;
    }
    this.reserve(this.n + count);
    const starts = this.starts as Int32Array;
    const ends = this.ends as Int32Array;
    const parent = this.parent;
    for (let k = 0; k < count; k++) {
      starts[this.n + k] = parent.startOf(ps + k);
      ends[this.n + k] = parent.endOf(ps + k);
    }
    this.n += count;
  }

  /**
   * Emits `units` view units that together came from parent units [ps, pe); when pe === ps they are
   * insertions and map to the empty raw span at that boundary.
   */
  span(ps: number, pe: number, units: number): void {
    if (units <= 0) return;
    if (units === 1 && pe - ps === 1 && this.starts === null && ps === this.n) {
      this.n++;
      return;
    }
    const parent = this.parent;
    const rs = pe > ps ? parent.startOf(ps) : parent.pointOf(ps);
    const re = pe > ps ? parent.endOf(pe - 1) : rs;
    this.reserve(this.n + units);
    const starts = this.starts as Int32Array;
    const ends = this.ends as Int32Array;
    for (let k = 0; k < units; k++) {
      starts[this.n + k] = rs;
      ends[this.n + k] = re;
    }
    this.n += units;
  }

  finish(): OffsetMap {
    if (this.starts === null) return this.parent.prefix(this.n);
    return new OffsetMap(this.n, this.starts, this.ends);
  }

  private reserve(needed: number): void {
    if (this.starts === null) {
      const cap = Math.max(needed, this.capacityHint, 16);
      const starts = new Int32Array(cap);
      const ends = new Int32Array(cap);
      // The units emitted so far were the identity over the parent: copy the parent's spans.
      for (let k = 0; k < this.n; k++) {
        starts[k] = this.parent.startOf(k);
        ends[k] = this.parent.endOf(k);
      }
      this.starts = starts;
      this.ends = ends;
      return;
    }
    if (needed <= this.starts.length) return;
    const cap = Math.max(needed, this.starts.length * 2);
    const starts = new Int32Array(cap);
    const ends = new Int32Array(cap);
    starts.set(this.starts.subarray(0, this.n));
    ends.set((this.ends as Int32Array).subarray(0, this.n));
    this.starts = starts;
    this.ends = ends;
  }
}
