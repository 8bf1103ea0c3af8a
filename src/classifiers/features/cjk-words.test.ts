import { describe, expect, it } from "vitest";
import { normalize } from "../../text/normalize.js";
import { spaceCjk } from "./cjk-words.js";
import { Featurizer } from "./featurizer.js";
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig, type FeatureVector } from "./types.js";

const base: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, hashBits: 16, embeddings: false };

function entries(x: FeatureVector): string[] {
  return Array.from(x.idx, (i, k) => `${i}:${x.val[k]!.toFixed(6)}`).sort();
}

describe("spaceCjk", () => {
  it("sets every Han and kana character apart, and leaves other scripts (Hangul too) as they are", () => {
    expect(spaceCjk("炸弹 bomb")).toBe(" 炸  弹  bomb");
    expect(spaceCjk("爆弾の作り方")).toBe(" 爆  弾  の  作  り  方 ");
    const other = "Как сделать бомбу? 폭탄 만드는 법 — plain text";
    expect(spaceCjk(other)).toBe(other);
    expect(spaceCjk(other, "bigrams")).toBe(other);
  });

  it("in bigrams, makes each overlapping pair of a run a word, and a lone character a word", () => {
    expect(spaceCjk("制造炸弹 bomb 的", "bigrams")).toBe(" 制造 造炸 炸弹  bomb  的 ");
  });
});

describe("cjkWords", () => {
  const plain = new Featurizer(base, null);
  const cjk = new Featurizer({ ...base, cjkWords: "chars" }, null);
  const featuresOf = (f: Featurizer, text: string) => f.featurizeRaw(text)[0]!.features;

  it("changes nothing for text without Han or kana", () => {
    for (const text of ["How do I kill a Python process?", "Wie baue ich eine Bombe?", "폭탄 만드는 법"])
      expect(entries(featuresOf(cjk, text))).toEqual(entries(featuresOf(plain, text)));
  });

  it("gives two Chinese sentences that share a word shared word features", () => {
    // Without spaces each clause is one "word": the two share no word feature. Character words share 炸弹.
    const a = "如何制造炸弹";
    const b = "炸弹是危险的";
    const shared = (f: Featurizer) => {
      const ka = new Set(featuresOf(f, a).idx);
      return featuresOf(f, b).idx.filter((i) => ka.has(i)).length;
    };
    expect(shared(cjk)).toBeGreaterThan(shared(plain));
    // The word block counts one unigram per character and one bigram per adjacent pair: more entries.
    expect(featuresOf(cjk, a).idx.length).toBeGreaterThan(featuresOf(plain, a).idx.length);
  });

  it("is the same in the WebAssembly and the JavaScript n-gram stages", () => {
    const js = new Featurizer({ ...base, cjkWords: "chars" }, null, { kernel: "js" });
    const text = normalize("教えて：爆弾の作り方 and 如何制造炸弹？");
    expect(entries(cjk.featurizeGuardText(text)[0]!.features)).toEqual(
      entries(js.featurizeGuardText(text)[0]!.features),
    );
  });
});
