/**
 * A trie over UTF-16 code units of the tokenizer's pieces, stored in flat typed arrays
 * (open-addressing hash of (node, code unit) -> child) so that a 250k-piece vocabulary
 * costs a few tens of MB and each step is one or two array probes, with no string slicing.
 */
export class PieceTrie {
  /** Piece id ending at each node, or -1. */
  private terminal: Int32Array;
  private slotNode: Int32Array;
  private slotUnit: Uint16Array;
  private slotChild: Int32Array;
  private mask: number;
  private nodes = 1;

  constructor(pieces: readonly string[]) {
    let units = 1;
    for (const p of pieces) units += p.length;
    // A trie has at most one node per code unit, so this keeps the load factor below 0.8
    // (about 0.25 for real vocabularies, whose pieces share prefixes).
    let size = 1024;
    while (size < units * 1.25) size *= 2;
    this.mask = size - 1;
    this.slotNode = new Int32Array(size).fill(-1);
    this.slotUnit = new Uint16Array(size);
    this.slotChild = new Int32Array(size);
    this.terminal = new Int32Array(units).fill(-1);
    for (let id = 0; id < pieces.length; id++) this.insert(pieces[id]!, id);
    this.terminal = this.terminal.slice(0, this.nodes);
  }

  /** The child of `node` along code unit `unit`, or -1. */
  child(node: number, unit: number): number {
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & this.mask;
    for (;;) {
      const n = this.slotNode[h]!;
      if (n === -1) return -1;
      if (n === node && this.slotUnit[h] === unit) return this.slotChild[h]!;
      h = (h + 1) & this.mask;
    }
  }

  /** The id of the piece that ends exactly at `node`, or -1. */
  pieceAt(node: number): number {
    return this.terminal[node]!;
  }

  private insert(piece: string, id: number): void {
    if (piece.length === 0) return;
    let node = 0;
    for (let i = 0; i < piece.length; i++) {
      const unit = piece.charCodeAt(i);
      let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & this.mask;
      let next = -1;
      for (;;) {
        const n = this.slotNode[h]!;
        if (n === -1) break;
        if (n === node && this.slotUnit[h] === unit) {
          next = this.slotChild[h]!;
          break;
        }
        h = (h + 1) & this.mask;
      }
      if (next === -1) {
        next = this.nodes++;
        this.slotNode[h] = node;
        this.slotUnit[h] = unit;
        this.slotChild[h] = next;
      }
      node = next;
    }
    // First id wins on a duplicate piece (the teacher's vocabulary has none).
    if (this.terminal[node] === -1) this.terminal[node] = id;
  }
}
