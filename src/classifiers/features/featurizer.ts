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
import { spaceCjk } from "./cjk-words.js";
import { createNgramWriter, type NgramBlockWriter } from "./ngram-blocks.js";
import { FEATURE_VERSION, type FeatureConfig, type FeatureVector, type ViewFeatures } from "./types.js";
import { featureTexts, payloadTexts } from "./views.js";

/** What the featuriser needs of the static embedder (StaticEmbedder is one). */
export interface TextEmbedder {
  readonly dims: number;
  /**
   * Writes the unit-length embedding of text[0, end) (its first maxTokens tokens) into `out` (dims
   * floats).
   */
  embedInto(text: string, end: number, maxTokens: number, out: Float32Array): void;
}

export class Featurizer {
  readonly config: Readonly<FeatureConfig>;
  readonly dims: number;
  private readonly ngrams: NgramBlockWriter;

  /** options.kernel: force the n-gram stage's JavaScript or WebAssembly version (tests compare them). */
  constructor(
    config: FeatureConfig,
    private readonly embedder: TextEmbedder | null,
    options: { kernel?: "wasm" | "js" } = {},
  ) {
    if (config.featureVersion !== FEATURE_VERSION)
      throw new Error(
        `feature config is of featuriser version ${String(config.featureVersion)}, this is version ${FEATURE_VERSION}: retrain the model (npm run train)`,
      );
    if (config.embeddings && !embedder)
      throw new Error("feature config uses embeddings but no embedder was given");
    this.config = Object.freeze({ ...config });
    this.dims = 1 << config.hashBits;
    this.ngrams = createNgramWriter(this.config, options);
  }

  /** Which n-gram stage runs: "wasm" or "js". */
  get kernel(): "wasm" | "js" {
    return this.ngrams.kernel;
  }

  /** Features of one text given its word and character texts, and the embedding's text[0, embedEnd). */
  features(words: string, chars: string, embed: string, embedEnd: number): FeatureVector {
    const c = this.config;
    const embedder = c.embeddings ? this.embedder : null;
    // One buffer per text holds the sparse part and the embedding.
    const wordText = c.cjkWords ? spaceCjk(words, c.cjkWords, c.maxWords) : words;
    const { idx, val, extra } = this.ngrams.write(wordText, chars, embedder ? embedder.dims : 0);
    if (!embedder) return { idx, val, dense: null };
    embedder.embedInto(embed, embedEnd, c.embedMaxTokens, extra);
    if (c.denseWeight !== 1) for (let d = 0; d < extra.length; d++) extra[d]! *= c.denseWeight;
    return { idx, val, dense: extra };
  }

  /** The main text's features, then each payload view's (at most config.maxPayloadViews). */
  featurizeGuardText(text: GuardText): ViewFeatures[] {
    const c = this.config;
    // The embedding pools at most embedMaxTokens tokens; 8 characters per token is ample in any script.
    const maxEmbedChars = Math.min(c.maxChars, 8 * c.embedMaxTokens);
    const t = featureTexts(text, maxEmbedChars);
    const out: ViewFeatures[] = [
      { view: "text", features: this.features(t.words, t.chars, t.embed, t.embedEnd) },
    ];
    for (const p of payloadTexts(text, c.maxPayloadViews)) {
      const features = this.features(p.text, p.text, p.text, Math.min(p.text.length, maxEmbedChars));
      out.push({ view: p.view, span: p.span, features });
    }
    return out;
  }

  /** normalize() then featurizeGuardText(): what training uses for a raw example text. */
  featurizeRaw(raw: string): ViewFeatures[] {
    return this.featurizeGuardText(normalize(raw));
  }
}
