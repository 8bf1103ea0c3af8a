/**
 * Static sentence embeddings distilled from intfloat/multilingual-e5-small (Model2Vec method).
 * The committed table under weights/ is loaded lazily, once, on first use.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { PrecompiledNormalizer } from "./precompiled-normalizer.js";
import { StaticEmbedder, type EmbedOptions } from "./static-embedder.js";
import { UnigramTokenizer } from "./unigram-tokenizer.js";
import { parseTokenizerFile, parseVectorsFile } from "./weights-format.js";

export { StaticEmbedder, DEFAULT_MAX_TOKENS, type EmbedOptions } from "./static-embedder.js";
export { UnigramTokenizer, type UnigramVocabulary, type EncodeOptions } from "./unigram-tokenizer.js";
export { PrecompiledNormalizer } from "./precompiled-normalizer.js";

/** What meta.json records about the table (the fields the runtime relies on). */
export interface EmbeddingMeta {
  teacher: { name: string; package: string; version: string; license: string };
  dims: number;
  rows: number;
  vocabSize: number;
  quantization: string;
  [key: string]: unknown;
}

export interface LoadedEmbeddings {
  embedder: StaticEmbedder;
  tokenizer: UnigramTokenizer;
  meta: EmbeddingMeta;
  /** Wall time of reading, parsing and indexing the files, in milliseconds. */
  loadMs: number;
}

const WEIGHTS_DIR = new URL("./weights/", import.meta.url);

/** Loads the table from a weights directory (default: the committed one). Not cached. */
export function loadEmbeddings(dir: URL | string = WEIGHTS_DIR): LoadedEmbeddings {
  const t0 = performance.now();
  const base = typeof dir === "string" ? pathToFileURL(dir.endsWith("/") ? dir : `${dir}/`) : dir;
  const meta = JSON.parse(readFileSync(new URL("meta.json", base), "utf8")) as EmbeddingMeta;
  const tok = parseTokenizerFile(readFileSync(new URL("tokenizer.bin.gz", base)));
  const vectors = parseVectorsFile(readFileSync(new URL("vectors.bin", base)));
  if (vectors.dims !== meta.dims || vectors.rows !== meta.rows || vectors.vocabSize !== meta.vocabSize) {
    throw new Error("meta.json does not match vectors.bin");
  }
  const normalizer = new PrecompiledNormalizer(tok.normalizerRules);
  const tokenizer = new UnigramTokenizer(
    { pieces: tok.pieces, scores: tok.scores, unkId: tok.unkId, specialTokens: tok.specialTokens },
    normalizer,
  );
  const embedder = new StaticEmbedder(tokenizer, vectors);
  return { embedder, tokenizer, meta, loadMs: performance.now() - t0 };
}

let loaded: LoadedEmbeddings | undefined;

/** The committed table, loaded on first call and kept. */
export function getEmbeddings(): LoadedEmbeddings {
  loaded ??= loadEmbeddings();
  return loaded;
}

/** Embeds `text` with the committed table: a unit-length Float32Array (zeros if no token). */
export function embed(text: string, options?: EmbedOptions): Float32Array {
  return getEmbeddings().embedder.embed(text, options);
}

/** Cosine similarity of two unit vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error("vectors differ in length");
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
