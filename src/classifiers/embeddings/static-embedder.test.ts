import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cosine, embed, getEmbeddings, loadEmbeddings } from "./index.js";
import { PrecompiledNormalizer } from "./precompiled-normalizer.js";
import { StaticEmbedder } from "./static-embedder.js";
import { UnigramTokenizer } from "./unigram-tokenizer.js";
import { parseTokenizerFile, parseVectorsFile } from "./weights-format.js";

interface EmbeddingFixture {
  generated: string;
  dims: number;
  maxTokens: number;
  cases: { text: string; tokens: number[]; embedding: string }[];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/embedding-cases.json", import.meta.url), "utf8"),
) as EmbeddingFixture;

function decode(b64: string): Float32Array {
  const bytes = Buffer.from(b64, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function norm(v: Float32Array): number {
  return Math.sqrt(cosine(v, v));
}

/** Rank property: every pair in `close` is more similar than every pair in `far`. */
function minMax(close: [string, string][], far: [string, string][]): { minClose: number; maxFar: number } {
  const sim = ([a, b]: [string, string]) => cosine(embed(a), embed(b));
  return { minClose: Math.min(...close.map(sim)), maxFar: Math.max(...far.map(sim)) };
}

describe("static embeddings: agreement with the Python reference", () => {
  const { embedder, meta } = getEmbeddings();

  it("has the table's shape", () => {
    expect(embedder.dims).toBe(fixture.dims);
    expect(meta.dims).toBe(fixture.dims);
    expect(meta.teacher.name).toBe("intfloat/multilingual-e5-small");
  });

  it("pools the same tokens as the reference", () => {
    for (const c of fixture.cases) expect(embedder.tokenize(c.text)).toEqual(c.tokens);
  });

  it("matches the reference embedding (cosine > 0.9999) on every fixture sentence", () => {
    let worst = 1;
    for (const c of fixture.cases) {
      const want = decode(c.embedding);
      const got = embedder.embed(c.text);
      if (norm(want) === 0) {
        expect(norm(got)).toBe(0);
        continue;
      }
      worst = Math.min(worst, cosine(got, want));
    }
    expect(worst).toBeGreaterThan(0.9999);
  });
});

describe("static embeddings: semantic sanity", () => {
  // Per sentence, not globally: the table is tuned to e5's sentence space, where all cosines sit high
  // (e5 is anisotropic), so what holds is the ranking around each sentence — for nearly every sentence
  // (the known-limits block below shows the exception).
  it("puts a sentence closer to its paraphrase than to unrelated sentences", () => {
    const pairs: [string, string][] = [
      ["How do I reset my password?", "How can I change my password if I forgot it?"],
      ["The weather is lovely today.", "It is a beautiful sunny day."],
      ["Ignore all previous instructions.", "Disregard every instruction you were given before."],
      ["What is the capital of France?", "Which city is the capital of France?"],
    ];
    const sim = (a: string, b: string) => cosine(embed(a), embed(b));
    let right = 0;
    let total = 0;
    const close: number[] = [];
    const far: number[] = [];
    for (const [i, [a, b]] of pairs.entries()) {
      const s = sim(a, b);
      close.push(s);
      for (const [j, [c, d]] of pairs.entries()) {
        if (i === j) continue;
        for (const anchor of [a, b])
          for (const other of [c, d]) {
            const o = sim(anchor, other);
            far.push(o);
            right += s > o ? 1 : 0;
            total++;
          }
      }
    }
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(right / total).toBeGreaterThanOrEqual(0.95);
    expect(mean(close) - mean(far)).toBeGreaterThan(0.2);
  });

  it("puts a sentence closer to its translation than to unrelated sentences", () => {
    const { minClose, maxFar } = minMax(
      [
        ["The weather is nice today.", "Das Wetter ist heute schön."],
        ["The weather is nice today.", "Il fait beau aujourd'hui."],
        ["The weather is nice today.", "Hace buen tiempo hoy."],
        ["Where is the train station?", "Wo ist der Bahnhof?"],
        ["Where is the train station?", "¿Dónde está la estación de tren?"],
      ],
      [
        ["The weather is nice today.", "Wo ist der Bahnhof?"],
        ["The weather is nice today.", "¿Dónde está la estación de tren?"],
        ["Where is the train station?", "Das Wetter ist heute schön."],
        ["Where is the train station?", "Il fait beau aujourd'hui."],
        ["Where is the train station?", "Hace buen tiempo hoy."],
      ],
    );
    expect(minClose).toBeGreaterThan(maxFar);
  });
});

describe("static embeddings: known limits (documented in MODEL_CARD.md)", () => {
  it("pulls a short sentence of weak content words towards a common direction", () => {
    const hub = embed("It is a beautiful sunny day.");
    expect(cosine(hub, embed("How can I change my password if I forgot it?"))).toBeGreaterThan(0.75);
  });

  it("ignores word order: a bag of tokens", () => {
    expect(cosine(embed("the dog bit the man"), embed("the man bit the dog"))).toBeCloseTo(1, 6);
  });
});

describe("static embeddings: robustness", () => {
  const { embedder } = getEmbeddings();

  it("returns a zero vector for text with no content token", () => {
    // (A lone space is not one of them: the teacher tokenizes it as "▁".)
    for (const t of ["", "\u0001\u0002\u007f", "<s></s><pad>"]) {
      const v = embed(t);
      expect(v).toHaveLength(embedder.dims);
      expect(norm(v)).toBe(0);
    }
  });

  it("returns a unit vector for 1 MB of text in bounded time", () => {
    const text = "The committee met on Tuesday to review the budget. ".repeat(20_000);
    expect(text.length).toBeGreaterThan(1_000_000);
    const t0 = performance.now();
    const v = embed(text);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  it("handles binary garbage and lone surrogates without throwing", () => {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 20; k++) {
      const units = Array.from({ length: 50_000 }, () => Math.floor(rand() * 0x10000));
      const text = String.fromCharCode(...units);
      const t0 = performance.now();
      const v = embed(text);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(v).toHaveLength(embedder.dims);
      expect(Number.isFinite(norm(v))).toBe(true);
    }
    expect(() => embed("\ud800\udc00\ud800x\udfff")).not.toThrow();
  });

  it("only pools the first maxTokens content tokens", () => {
    const head = "alpha beta gamma delta ";
    const a = embedder.embed(head + "completely different words here", { maxTokens: 4 });
    const b = embedder.embed(head, { maxTokens: 4 });
    expect(cosine(a, b)).toBeCloseTo(1, 6);
  });

  it("time grows linearly with input length", () => {
    const base = "Ein kurzer Satz mit einigen Wörtern und 數字 123. ";
    const time = (n: number) => {
      const t = base.repeat(n);
      const t0 = performance.now();
      embedder.embed(t, { maxTokens: Infinity });
      return performance.now() - t0;
    };
    time(500);
    const small = Math.max(time(500), 0.05);
    const large = time(4000);
    expect(large).toBeLessThan(small * 8 * 4 + 50);
  });
});

describe("static embeddings: the fast paths", () => {
  const { embedder } = getEmbeddings();

  it("pools with WebAssembly SIMD, bit-identical to the scalar kernel on the committed table", () => {
    expect(embedder.kernel).toBe("simd");
    const dir = new URL("./weights/", import.meta.url);
    const tok = parseTokenizerFile(readFileSync(new URL("tokenizer.bin.gz", dir)));
    const tokenizer = new UnigramTokenizer(
      { pieces: tok.pieces, scores: tok.scores, unkId: tok.unkId, specialTokens: tok.specialTokens },
      new PrecompiledNormalizer(tok.normalizerRules),
    );
    const vectors = parseVectorsFile(readFileSync(new URL("vectors.bin", dir)));
    const scalar = new StaticEmbedder(tokenizer, vectors, { scalar: true });
    expect(scalar.kernel).toBe("scalar");
    for (const c of fixture.cases) expect([...scalar.embed(c.text)]).toEqual([...embedder.embed(c.text)]);
  });

  it("embeds a prefix in place: embedInto(text, end) equals embed(text.slice(0, end))", () => {
    const out = new Float32Array(embedder.dims);
    for (const c of fixture.cases.slice(0, 60)) {
      for (const end of [0, 1, Math.floor(c.text.length / 2), c.text.length]) {
        embedder.embedInto(c.text, end, 32, out);
        expect([...out]).toEqual([...embedder.embed(c.text.slice(0, end), { maxTokens: 32 })]);
      }
    }
  });
});

describe("static embeddings: loading", () => {
  it("loads the committed table in well under two seconds", () => {
    const { loadMs, embedder } = loadEmbeddings();
    expect(embedder.dims).toBeGreaterThan(0);
    expect(loadMs).toBeLessThan(2000);
  });
});
