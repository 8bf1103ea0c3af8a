/**
 * A hash table from 32-bit keys to 32-bit values in two typed arrays (open addressing, linear probing),
 * about 16 bytes per entry at its maximum load of one half. A key keeps only its latest value: the dedup
 * index needs one earlier record per bucket, and this keeps every probe short even when thousands of
 * records share a bucket (boilerplate text).
 */
const EMPTY = 0;

export class IntTable {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  private static fix(key: number): number {
    return key === EMPTY ? 1 : key >>> 0;
  }

  get(key: number): number {
    const k = IntTable.fix(key);
    for (let i = k & this.mask; ; i = (i + 1) & this.mask) {
      const found = this.keys[i]!;
      if (found === EMPTY) return -1;
      if (found === k) return this.vals[i]!;
    }
  }

  /** Sets the key's value, replacing an earlier one. */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const k = IntTable.fix(key);
    for (let i = k & this.mask; ; i = (i + 1) & this.mask) {
      const found = this.keys[i]!;
      if (found === EMPTY) {
        this.keys[i] = k;
        this.vals[i] = value;
        this.size++;
        return;
      }
      if (found === k) {
        this.vals[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.vals = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.set(oldKeys[i]!, oldVals[i]!);
  }
}
