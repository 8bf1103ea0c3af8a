/**
 * The tokenizer's cache of word segmentations, looked up by a range of a string: the caller hashes the
 * word while scanning for its end, so a hit costs no substring and no string hashing by the engine.
 *
 * Laid out for few cache misses, which is what a lookup costs on running text (hundreds of words, each
 * somewhere else in memory): a slot table of (hash, entry) pairs, and every entry — the word's units,
 * then its ids — packed in one Int32Array. A hit reads one slot and one entry, where a Map of strings
 * to Int32Arrays followed four or five pointers. Open addressing, linear probing; emptied when full.
 */

const FNV_PRIME = 0x01000193;
/** The starting value of hashUnit chains. */
export const WORD_HASH_SEED = 0x811c9dc5 | 0;

/** FNV-1a over UTF-16 units: the running hash of a word, one unit at a time. */
export function hashUnit(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME);
}

export function hashRangeFnv(text: string, from: number, to: number): number {
  let h = WORD_HASH_SEED;
  for (let i = from; i < to; i++) h = hashUnit(h, text.charCodeAt(i));
  return h;
}

export class WordIdCache {
  /** Per slot: the word's hash and 1 + its entry's offset in `pool` (0: empty slot). */
  private readonly slots: Int32Array;
  /** Entries: [units, ids, unit..., id...]. */
  pool: Int32Array = new Int32Array(1 << 16);
  private poolLength = 0;
  private readonly mask: number;
  private size = 0;

  /** limit: entries kept before the cache is emptied. */
  constructor(
    private readonly limit: number,
    private readonly maxPoolInts = 1 << 23,
  ) {
    // At most 70% full: short probe runs, and the slot table stays small (1 MB for 90,000 words).
    let capacity = 1024;
    while (capacity * 0.7 < limit) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(2 * capacity);
  }

  /**
   * The entry of text[from, to), whose hashRangeFnv is `h`, or -1. Its ids are
   * pool[e + 2 + units, e + 2 + units + pool[e + 1]) with units = to - from (see idsStart).
   */
  find(text: string, from: number, to: number, h: number): number {
    const { slots, pool, mask } = this;
    const len = to - from;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slots[2 * slot + 1]!;
      if (at === 0) return -1;
      if (slots[2 * slot] !== h) continue;
      const e = at - 1;
      if (pool[e] !== len) continue;
      let j = 0;
      while (j < len && pool[e + 2 + j] === text.charCodeAt(from + j)) j++;
      if (j === len) return e;
    }
  }

  /** Stores ids for text[from, to) (absent), whose hashRangeFnv is `h`; returns its entry. */
  add(text: string, from: number, to: number, h: number, ids: ArrayLike<number>): number {
    const len = to - from;
    const need = 2 + len + ids.length;
    if (this.size >= this.limit || this.poolLength + need > this.maxPoolInts) this.clear();
    if (this.poolLength + need > this.pool.length) {
      let size = this.pool.length * 2;
      while (size < this.poolLength + need) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.pool.subarray(0, this.poolLength));
      this.pool = grown;
    }
    const e = this.poolLength;
    const pool = this.pool;
    pool[e] = len;
    pool[e + 1] = ids.length;
    for (let j = 0; j < len; j++) pool[e + 2 + j] = text.charCodeAt(from + j);
    for (let j = 0; j < ids.length; j++) pool[e + 2 + len + j] = ids[j]!;
    this.poolLength += need;
    let slot = h & this.mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = e + 1;
    this.size++;
    return e;
  }

  /** Where entry e's ids start in `pool`. */
  idsStart(e: number): number {
    return e + 2 + this.pool[e]!;
  }

  /** How many ids entry e has. */
  idsLength(e: number): number {
    return this.pool[e + 1]!;
  }

  clear(): void {
    this.slots.fill(0);
    this.poolLength = 0;
    this.size = 0;
  }
}
