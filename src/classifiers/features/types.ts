/** Shapes of the classifier features: a hashed sparse part and an optional dense embedding. */

/**
 * Version of the featurisation itself (hashing scheme, pooling arithmetic). A weights file records it in
 * its feature config; a featuriser refuses a config of another version, since the same text would land
 * in other buckets than the model was trained on. 2: the mix32 n-gram hashing and float32 pooling.
 */
export const FEATURE_VERSION = 2;

/** How texts become features. Stored in every weights file so inference featurises as training did. */
export interface FeatureConfig {
  /** FEATURE_VERSION of the featuriser that trained the model. */
  featureVersion: number;
  /** log2 of the number of hashed buckets shared by the word and character blocks. */
  hashBits: number;
  /** Word unigrams + bigrams from the first maxWords words of the word view. */
  maxWords: number;
  maxWordLength: number;
  /** Character n-grams (charMinN..charMaxN) of the first maxChars units of the lower-cased normalized view. */
  maxChars: number;
  charMinN: number;
  charMaxN: number;
  /** Each block is L2-normalised, then multiplied by its weight. */
  wordWeight: number;
  charWeight: number;
  denseWeight: number;
  /** Whether the pooled static embedding is part of the features. */
  embeddings: boolean;
  /** Content tokens pooled at most by the embedding. */
  embedMaxTokens: number;
  /** Decoded and tag-smuggled views scored at most per text (each scored separately; the max wins). */
  maxPayloadViews: number;
  /**
   * How the word block reads Han and kana, which do not space words (cjk-words.ts): each character a
   * word, or each overlapping pair. Absent (as in weights files written before it existed): as written.
   */
  cjkWords?: "chars" | "bigrams";
}

export interface FeatureVector {
  /** Bucket indices (may repeat across blocks) and their values. */
  idx: Int32Array;
  val: Float32Array;
  /** The scaled embedding, or null when the config has none. */
  dense: Float32Array | null;
}

/** One scored view of a text: the main text, or one payload (decoded or tag-smuggled). */
export interface ViewFeatures {
  /** "text" for the main view; otherwise the payload view's label, e.g. "decoded:base64", "tag-smuggled". */
  view: string;
  /** Raw span of the payload (absent for the main view). */
  span?: [number, number];
  features: FeatureVector;
}

export const DEFAULT_FEATURE_CONFIG: Readonly<FeatureConfig> = Object.freeze({
  featureVersion: FEATURE_VERSION,
  hashBits: 18,
  maxWords: 600,
  maxWordLength: 32,
  maxChars: 4000,
  // 4-grams only. 3–5 lost to 3–4 held out by source (5-grams learned source style: mean cross-source
  // recall harm 36.2% → 37.5% at the same FPR, injection FPR 3.5% → 3.2% at the same recall); 4 alone
  // then halves the character block's work (the largest part of a 2 KB text's featurisation) for a small
  // cost, measured by training/compare-configs.ts: injection mean cross-source recall 46.5% → 45.5%,
  // FPR 2.9% → 3.1%, in-distribution AUC 0.975 → 0.974.
  charMinN: 4,
  charMaxN: 4,
  wordWeight: 1,
  charWeight: 1,
  denseWeight: 1,
  embeddings: true,
  // 64 tokens, not 128: the same quality in and across sources (the embedding reads the start of a
  // text; the n-grams read all of it) at half the tokenising and pooling time.
  embedMaxTokens: 64,
  maxPayloadViews: 8,
  // Han and kana as overlapping character pairs in the word block (a whole clause was one "word"). With
  // harmful requests and their mirrors written natively in 16 languages among harm's training data, the
  // harm model catches the never-trained multilingual set at 30.9% against 25.6% (Japanese 2.8 → 16.7%,
  // Chinese 11.1 → 33.3%); the other four models move by under a point (feature-choices.md, "A second wave
  // of native pairs, and Chinese and Japanese as character pairs, again").
  cjkWords: "bigrams",
});
