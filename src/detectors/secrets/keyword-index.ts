/**
 * One pass over a text that finds every occurrence of a fixed set of ASCII keywords, ignoring case.
 * It is an Aho–Corasick automaton compiled to a dense transition table over a small alphabet (the
 * characters that occur in keywords; everything else is one "other" class), so the scan costs one
 * table lookup per character whatever the number of keywords: this is the prefilter that decides
 * which secret rules run at all, and where.
 */

export interface KeywordHits {
  /** Number of hits recorded. */
  count: number;
  /** Keyword id of each hit. */
  keyword: Int32Array;
  /** Start offset of each hit in the scanned text. */
  start: Int32Array;
}

export class KeywordIndex {
  readonly keywords: readonly string[];
  private readonly classOf = new Uint8Array(128);
  private readonly classes: number;
  /** Transitions as row offsets: delta[row + class] is the next state's row (state * classes). */
  private readonly delta: Int32Array;
  /** States at or after this row have outputs. */
  private readonly firstOutRow: number;
  /** outStart[s]..outStart[s+1] indexes outList: keywords ending in state s. */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    let next = 1;
    for (const kw of keywords) {
      if (kw.length === 0) throw new Error("empty keyword");
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        if (c >= 128) throw new Error(`keyword "${kw}" is not ASCII`);
        if (c >= 65 && c <= 90) throw new Error(`keyword "${kw}" must be lower-case`);
        if (this.classOf[c] === 0) this.classOf[c] = next++;
      }
    }
    for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32] as number;
    this.classes = next;

    // Trie.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    keywords.forEach((kw, id) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const cls = this.classOf[kw.charCodeAt(i)] as number;
        let t = children[s]!.get(cls);
        if (t === undefined) {
          t = children.length;
          children.push(new Map<number, number>());
          outputs.push([]);
          children[s]!.set(cls, t);
        }
        s = t;
      }
      outputs[s]!.push(id);
    });

    // Breadth-first failure links, folded into a dense DFA.
    const states = children.length;
    const C = this.classes;
    const delta = new Int32Array(states * C);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let cls = 0; cls < C; cls++) {
      const t = children[0]!.get(cls);
      if (t !== undefined) {
        delta[cls] = t;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi] as number;
      outputs[s]!.push(...outputs[fail[s] as number]!);
      for (let cls = 0; cls < C; cls++) {
        const t = children[s]!.get(cls);
        const viaFail = delta[(fail[s] as number) * C + cls] as number;
        if (t !== undefined) {
          fail[t] = viaFail;
          delta[s * C + cls] = t;
          queue.push(t);
        } else {
          delta[s * C + cls] = viaFail;
        }
      }
    }
    // Renumber states so that those with outputs come last (one comparison per character tells
    // whether anything matched) and store transitions as row offsets (no multiply in the loop).
    const order: number[] = [];
    for (let st = 0; st < states; st++) if (outputs[st]!.length === 0) order.push(st);
    const firstOut = order.length;
    for (let st = 0; st < states; st++) if (outputs[st]!.length > 0) order.push(st);
    const rank = new Int32Array(states);
    order.forEach((st, r) => (rank[st] = r));
    if (rank[0] !== 0) throw new Error("root must have no outputs");
    this.delta = new Int32Array(states * C);
    for (let r = 0; r < states; r++) {
      const st = order[r] as number;
      for (let cls = 0; cls < C; cls++)
        this.delta[r * C + cls] = (rank[delta[st * C + cls] as number] as number) * C;
    }
    this.firstOutRow = firstOut * C;
    this.outStart = new Int32Array(states + 1);
    let total = 0;
    for (let r = 0; r < states; r++) {
      this.outStart[r] = total;
      total += outputs[order[r] as number]!.length;
    }
    this.outStart[states] = total;
    this.outList = new Int32Array(total);
    let k = 0;
    for (let r = 0; r < states; r++) for (const id of outputs[order[r] as number]!) this.outList[k++] = id;
  }

  /** Scratch for scan()'s hits, grown as needed and reused by the next scan. */
  private keywordBuf = new Int32Array(64);
  private startBuf = new Int32Array(64);

  /**
   * Every keyword occurrence in text. The returned arrays are this index's scratch space: read them
   * before the next scan (the secrets scanner does, synchronously).
   */
  scan(text: string): KeywordHits {
    const { classOf, delta, outStart, outList, keywords, firstOutRow } = this;
    const C = this.classes;
    let keyword = this.keywordBuf;
    let start = this.startBuf;
    let count = 0;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      row = delta[row + (c < 128 ? (classOf[c] as number) : 0)] as number;
      if (row < firstOutRow) continue;
      const st = row / C;
      const a = outStart[st] as number;
      const b = outStart[st + 1] as number;
      for (let j = a; j < b; j++) {
        if (count === keyword.length) {
          const k2 = new Int32Array(count * 2);
          k2.set(keyword);
          keyword = k2;
          const s2 = new Int32Array(count * 2);
          s2.set(start);
          start = s2;
          this.keywordBuf = keyword;
          this.startBuf = start;
        }
        const id = outList[j] as number;
        keyword[count] = id;
        start[count] = i + 1 - (keywords[id] as string).length;
        count++;
      }
    }
    return { count, keyword, start };
  }
}
