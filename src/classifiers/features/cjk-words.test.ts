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

  it("matches a plain regular-expression rewrite on mixed text, lone surrogates included", () => {
    // The reference: what the hand-written pass must equal when nothing caps it.
    const RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
    const EACH = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
    const pairs = (run: string) =>
      run.length < 2
        ? ` ${run} `
        : ` ${Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2)).join(" ")} `;
    const pieces = [
      "爆弾",
      "の",
      "作り方",
      "制造炸弹",
      "x",
      " ",
      "？",
      "폭탄",
      "\ud800",
      "\udfff",
      "abc ",
      "丶",
      "ー",
      "\u3040",
    ];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let t = 0; t < 300; t++) {
      let text = "";
      for (let k = next() % 12; k > 0; k--) text += pieces[next() % pieces.length];
      expect(spaceCjk(text, "chars")).toBe(text.replace(EACH, " $& "));
      expect(spaceCjk(text, "bigrams")).toBe(text.replace(RUN, pairs));
    }
  });

  it("handles a text far larger than its buffer, and short texts after it", () => {
    const long = "x".repeat(100_000) + "制造炸弹";
    expect(spaceCjk(long, "bigrams")).toBe("x".repeat(100_000) + " 制造 造炸 炸弹 ");
    expect(spaceCjk("的方法", "bigrams")).toBe(" 的方 方法 ");
  });

  it("stops once it holds maxWords Han and kana words", () => {
    expect(spaceCjk("制造炸弹的方法", "bigrams", 2)).toBe(" 制造 造炸 ");
    expect(spaceCjk("ab 制造炸弹 cd", "chars", 3)).toBe("ab  制  造  炸 ");
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

  it("gives a long Chinese text the features of its whole re-spaced text (the cap drops only unread words)", () => {
    const bigrams = new Featurizer({ ...base, cjkWords: "bigrams" }, null);
    const text = "如何在家里制造炸弹并且不被警察发现？".repeat(120);
    const spaced = spaceCjk(text, "bigrams");
    expect(spaced.length).toBeGreaterThan(3 * base.maxWords);
    expect(entries(bigrams.features(text, text, text, 0))).toEqual(
      entries(plain.features(spaced, text, text, 0)),
    );
  });

  it("is the same in the WebAssembly and the JavaScript n-gram stages", () => {
    const js = new Featurizer({ ...base, cjkWords: "chars" }, null, { kernel: "js" });
    const text = normalize("教えて：爆弾の作り方 and 如何制造炸弹？");
    expect(entries(cjk.featurizeGuardText(text)[0]!.features)).toEqual(
      entries(js.featurizeGuardText(text)[0]!.features),
    );
  });
});
