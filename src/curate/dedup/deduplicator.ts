/**
 * Exact and near-duplicate detection over a stream of records. Exact: a 64-bit hash (from SHA-1) of the
 * record's dedup-normalised text with its roles. Near: MinHash (64 bins, character 5-grams) in a bounded
 * LSH index of 16 bands × 4 rows — records above about 0.5 Jaccard similarity become candidates, and a
 * candidate is a near duplicate when its signatures agree on at least the threshold share of bins.
 *
 * Why not an npm package: `minhash` (last released 2019) keeps every signature in an unbounded in-memory
 * index, and `bloom-filters`' MinHash has no LSH index; a streaming curator needs a bounded index whose
 * memory is known up front, and one hash per shingle for speed (one-permutation hashing).
 */
import { createHash } from "node:crypto";
import type { DedupMode } from "../config.js";
import { dedupText } from "./dedup-text.js";
import { LshIndex, type Match } from "./lsh-index.js";
import { MinHasher } from "./minhash.js";

export interface DeduplicatorOptions {
  mode: DedupMode;
  /** Near-duplicate threshold (share of equal MinHash bins, an estimate of Jaccard similarity). */
  threshold: number;
  /** Latest kept records the index remembers (between window/2 and window). */
  window: number;
}

export const LSH_BANDS = 16;
export const LSH_ROWS = 4;

/** One part of a record to compare: its role (part of the exact key) and its text. */
export interface DedupPart {
  role: string;
  text: string;
  /** Left out of the near-duplicate comparison (e.g. a system prompt shared by many records). */
  exactOnly?: boolean;
}

export class Deduplicator {
  private readonly index: LshIndex | undefined;
  private readonly hasher: MinHasher;
  private readonly sig: Uint32Array;

  constructor(readonly options: DeduplicatorOptions) {
    this.hasher = new MinHasher({ bins: LSH_BANDS * LSH_ROWS, shingle: 5 });
    this.sig = new Uint32Array(this.hasher.bins);
    if (options.mode !== "off")
      this.index = new LshIndex({
        bands: LSH_BANDS,
        rows: LSH_ROWS,
        threshold: options.threshold,
        window: options.window,
      });
  }

  /** Records remembered, and the bytes the index holds. */
  get stats(): { records: number; bytes: number } {
    return { records: this.index?.size ?? 0, bytes: this.index?.bytes ?? 0 };
  }

  /**
   * A duplicate match for the record, or undefined — in which case the record is remembered under `ref`
   * (returned with later matches), so later copies of it are caught. Always undefined when dedup is off.
   */
  check(parts: readonly DedupPart[], ref: number): Match | undefined {
    if (!this.index) return undefined;
    const hash = createHash("sha1");
    let near = "";
    for (const p of parts) {
      const t = dedupText(p.text);
      hash.update(`\u0001${p.role}\u0002`);
      hash.update(t);
      if (!p.exactOnly && t.length > 0) near += near.length > 0 ? " " + t : t;
    }
    const digest = hash.digest();
    const exact: [number, number] = [digest.readUInt32LE(0), digest.readUInt32LE(4)];
    const sig = this.options.mode === "near" && this.hasher.signature(near, this.sig) ? this.sig : null;
    return this.index.checkAndAdd(exact, sig, ref);
  }
}
