/** Deduplication: normalised text, MinHash signatures, the bounded LSH index. */
export { dedupText } from "./dedup-text.js";
export {
  Deduplicator,
  LSH_BANDS,
  LSH_ROWS,
  type DedupPart,
  type DeduplicatorOptions,
} from "./deduplicator.js";
export { LshIndex, type LshOptions, type Match } from "./lsh-index.js";
export { MinHasher, similarity, EMPTY_BIN, type MinHashOptions } from "./minhash.js";
