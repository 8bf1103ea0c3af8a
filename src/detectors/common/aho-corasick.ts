/**
 * Aho–Corasick multi-pattern matcher over case-folded UTF-16 code units. One pass over the text
 * reports every occurrence of every pattern (overlapping ones too), in time linear in the text
 * plus the number of matches, however many patterns there are.
 *
 * Written here rather than taken from a library because it must fold case without changing
 * offsets (see char-class.ts), report overlapping matches (a match rejected by a word-boundary
 * check must not hide another one at the same place), and stay linear on any input. The usual
 * alternative, one escaped RegExp alternation, gives only leftmost, non-overlapping matches.
 *
 * Small automata are compiled to a dense transition table over the alphabet of pattern
 * characters (one table read per text character); very large ones keep sparse transitions and
 * follow failure links at scan time, which is still linear (amortised).
 */
import { foldingUnits, foldUnit } from "./char-class.js";

/** Above this many table cells (states × alphabet) the automaton stays sparse. */
const DENSE_LIMIT = 1 << 21;

export type MatchSink = (pattern: number, start: number, end: number) => void;

export class AhoCorasick {
  readonly patterns: readonly string[];
  /** Alphabet class of every code unit after folding; 0 = a character in no pattern. */
  private readonly classOf: Uint16Array;
  private readonly classes: number;
  private readonly lengths: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  /**
   * Dense mode: delta[row + class], where row = state * classes, holds the next state's row shifted left
   * by one with a bit below that says whether a pattern ends there: the hot loop does one table read and no multiplication per character.
   */
  private readonly delta: Int32Array | undefined;
  /** Sparse mode: trie edges and failure links. */
  private readonly edges: Map<number, number>[] | undefined;
  private readonly fail: Int32Array;

  /** denseLimit: largest dense table (states × alphabet) to build; beyond it the automaton stays sparse. */
  constructor(patterns: readonly string[], { denseLimit = DENSE_LIMIT }: { denseLimit?: number } = {}) {
    this.patterns = patterns;
    const unitClass = new Map<number, number>();
    for (const p of patterns) {
      if (p.length === 0) throw new Error("Aho–Corasick: empty pattern");
      for (let i = 0; i < p.length; i++) {
        const u = foldUnit(p.charCodeAt(i));
        if (!unitClass.has(u)) unitClass.set(u, unitClass.size + 1);
      }
    }
    this.classes = unitClass.size + 1;
    this.classOf = new Uint16Array(65536);
    for (const [u, k] of unitClass) this.classOf[u] = k;
    // Units that fold onto a pattern character share its class.
    for (const c of foldingUnits()) {
      const k = unitClass.get(foldUnit(c));
      if (k !== undefined) this.classOf[c] = k;
    }
    this.lengths = Int32Array.from(patterns, (p) => p.length);

    // Trie over classes.
    const edges: Map<number, number>[] = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const k = this.classOf[p.charCodeAt(i)] as number;
        let t = edges[s]!.get(k);
        if (t === undefined) {
          t = edges.length;
          edges.push(new Map<number, number>());
          outputs.push([]);
          edges[s]!.set(k, t);
        }
        s = t;
      }
      outputs[s]!.push(id);
    });

    // Failure links by breadth-first search; outputs inherit their failure state's outputs.
    const states = edges.length;
    const fail = new Int32Array(states);
    const order: number[] = [];
    for (const t of edges[0]!.values()) order.push(t);
    for (let q = 0; q < order.length; q++) {
      const s = order[q]!;
      for (const [k, t] of edges[s]!) {
        let f = fail[s]!;
        while (f !== 0 && !edges[f]!.has(k)) f = fail[f]!;
        const g = edges[f]!.get(k);
        const ft = g !== undefined && g !== t ? g : 0;
        fail[t] = ft;
        const inherited = outputs[ft]!;
        if (inherited.length > 0) outputs[t] = outputs[t]!.concat(inherited);
        order.push(t);
      }
    }
    this.fail = fail;

    const outStart = new Int32Array(states + 1);
    let total = 0;
    for (let s = 0; s < states; s++) {
      outStart[s] = total;
      total += outputs[s]!.length;
    }
    outStart[states] = total;
    const outList = new Int32Array(total);
    for (let s = 0, j = 0; s < states; s++) for (const id of outputs[s]!) outList[j++] = id;
    this.outStart = outStart;
    this.outList = outList;

    if (states * this.classes <= denseLimit) {
      const delta = new Int32Array(states * this.classes);
      // Root row, then each state in BFS order from its failure state's (already complete) row.
      for (const [k, t] of edges[0]!) delta[k] = t;
      for (const s of order) {
        const row = s * this.classes;
        const frow = fail[s]! * this.classes;
        for (let k = 1; k < this.classes; k++) delta[row + k] = delta[frow + k]!;
        for (const [k, t] of edges[s]!) delta[row + k] = t;
      }
      for (let c = 0; c < delta.length; c++) {
        const t = delta[c]!;
        delta[c] = ((t * this.classes) << 1) | (outputs[t]!.length > 0 ? 1 : 0);
      }
      this.delta = delta;
      this.edges = undefined;
    } else {
      this.delta = undefined;
      this.edges = edges;
    }
  }

  /** Calls sink(pattern, start, end) for every occurrence, in order of end offset. */
  scan(text: string, sink: MatchSink): void {
    const { classOf, outStart, outList, lengths } = this;
    const n = text.length;
    if (this.delta) {
      const delta = this.delta;
      const classes = this.classes;
      let row = 0;
      for (let i = 0; i < n; i++) {
        const v = delta[row + (classOf[text.charCodeAt(i)] as number)] as number;
        row = v >> 1;
        if ((v & 1) === 0) continue;
        const s = row / classes;
        const a = outStart[s] as number;
        const b = outStart[s + 1] as number;
        for (let j = a; j < b; j++) {
          const id = outList[j] as number;
          sink(id, i + 1 - (lengths[id] as number), i + 1);
        }
      }
      return;
    }
    const edges = this.edges!;
    const fail = this.fail;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const k = classOf[text.charCodeAt(i)] as number;
      if (k === 0) {
        s = 0;
        continue;
      }
      let t = edges[s]!.get(k);
      while (t === undefined && s !== 0) {
        s = fail[s] as number;
        t = edges[s]!.get(k);
      }
      s = t ?? 0;
      const a = outStart[s] as number;
      const b = outStart[s + 1] as number;
      for (let j = a; j < b; j++) {
        const id = outList[j] as number;
        sink(id, i + 1 - (lengths[id] as number), i + 1);
      }
    }
  }

  /** Whether the automaton was compiled to a dense table. */
  get dense(): boolean {
    return this.delta !== undefined;
  }

  /** True when any pattern occurs in the text (stops at the first in the dense case). */
  test(text: string): boolean {
    let found = false;
    if (this.delta) {
      const { classOf, delta } = this;
      let row = 0;
      for (let i = 0; i < text.length; i++) {
        const v = delta[row + (classOf[text.charCodeAt(i)] as number)] as number;
        if ((v & 1) === 1) return true;
        row = v >> 1;
      }
      return false;
    }
    this.scan(text, () => {
      found = true;
    });
    return found;
  }
}
