/**
 * The featuriser: a text (as normalize() views) becomes a sparse hashed vector — word unigrams and
 * bigrams of the folded word view, character n-grams of the normalized view — plus the pooled static
 * embedding as a dense block. Payload views (decoded, tag-smuggled) are featurised separately so a
 * model can score each and keep the maximum.
 *
 * One Featurizer owns its scratch buffers: it is not re-entrant, which is fine in single-threaded JS.
 */
import { normalize } from "../../text/normalize.js";
import type { GuardText } from "../../text/types.js";
import { HashAccumulator, SparseBuilder } from "./hash-accumulator.js";
import { addCharFeatures, addWordFeatures } from "./ngrams.js";
import type { FeatureConfig, FeatureVector, ViewFeatures } from "./types.js";
import { featureTexts, payloadTexts } from "./views.js";

/** Maps a text to a unit-length embedding (the static embedder), or to nothing. */
export type EmbedFn = (text: string, maxTokens: number) => Float32Array;

export class Featurizer {
  readonly config: Readonly<FeatureConfig>;
  readonly dims: number;
  private readonly acc: HashAccumulator;
  private readonly out = new SparseBuilder(8192);

  constructor(
    config: FeatureConfig,
    private readonly embedFn: EmbedFn | null,
  ) {
    if (config.embeddings && !embedFn)
      throw new Error("feature config uses embeddings but no embedder was given");
    this.config = Object.freeze({ ...config });
    this.dims = 1 << config.hashBits;
    const charAdds = (config.maxChars + 2) * (config.charMaxN - config.charMinN + 1);
    this.acc = new HashAccumulator(config.hashBits, Math.max(charAdds, 2 * config.maxWords) + 16);
  }

  /** Features of one text given its word, character and embedding texts. */
  features(words: string, chars: string, embedText: string): FeatureVector {
    const c = this.config;
    addWordFeatures(words, this.acc, c);
    this.acc.flush(this.out, c.wordWeight);
    addCharFeatures(chars, this.acc, { minN: c.charMinN, maxN: c.charMaxN, maxChars: c.maxChars });
    this.acc.flush(this.out, c.charWeight);
    const { idx, val } = this.out.take();
    let dense: Float32Array | null = null;
    if (c.embeddings && this.embedFn) {
      dense = this.embedFn(embedText, c.embedMaxTokens);
      if (c.denseWeight !== 1) {
        dense = Float32Array.from(dense);
        for (let d = 0; d < dense.length; d++) dense[d]! *= c.denseWeight;
      }
    }
    return { idx, val, dense };
  }

  /** The main text's features, then each payload view's (at most config.maxPayloadViews). */
  featurizeGuardText(text: GuardText): ViewFeatures[] {
    const c = this.config;
    // The embedding pools at most embedMaxTokens tokens; 8 characters per token is ample in any script.
    const t = featureTexts(text, c.maxChars, 8 * c.embedMaxTokens);
    const out: ViewFeatures[] = [{ view: "text", features: this.features(t.words, t.chars, t.embed) }];
    for (const p of payloadTexts(text, c.maxPayloadViews)) {
      const chars = (p.text.length > c.maxChars ? p.text.slice(0, c.maxChars) : p.text).toLowerCase();
      const embedText = chars.length > 8 * c.embedMaxTokens ? chars.slice(0, 8 * c.embedMaxTokens) : chars;
      out.push({ view: p.view, span: p.span, features: this.features(chars, chars, embedText) });
    }
    return out;
  }

  /** normalize() then featurizeGuardText(): what training uses for a raw example text. */
  featurizeRaw(raw: string): ViewFeatures[] {
    return this.featurizeGuardText(normalize(raw));
  }
}
