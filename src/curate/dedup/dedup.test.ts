import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupText } from "./dedup-text.js";
import { Deduplicator } from "./deduplicator.js";
import { LshIndex } from "./lsh-index.js";
import { MinHasher, similarity } from "./minhash.js";
import { EDITS, plant, seededRandom } from "./plant.js";

const BASE = [
  "The committee met on Tuesday to review the budget for the new library. After a long discussion, it approved the plan. Construction will start in the spring and should take two years.",
  "To repot a houseplant, water it a day before. Gently tip the pot and slide the root ball out. Loosen the roots, set the plant in fresh soil and water it well.",
  "Our return policy allows exchanges within thirty days of purchase. Items must be unused and in their original packaging. Refunds are issued to the original payment method.",
  "The museum opens at nine in the morning on weekdays. On weekends it opens an hour later. Guided tours leave from the main hall every two hours.",
];

function words(n: number, seed: number): string {
  const rnd = seededRandom(seed);
  const vocab = [
    "alpha",
    "river",
    "stone",
    "green",
    "light",
    "table",
    "north",
    "quiet",
    "paper",
    "glass",
    "cloud",
    "bread",
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(vocab[Math.floor(rnd() * vocab.length)]! + String(Math.floor(rnd() * 50)));
  return out.join(" ");
}

describe("dedup text", () => {
  it("folds case, spacing, punctuation and invisible characters", () => {
    expect(dedupText("Hello,  World!")).toBe("hello world");
    expect(dedupText("  hello\n\tworld  ")).toBe("hello world");
    expect(dedupText("he\u200bllo — world…")).toBe("hello world");
    expect(dedupText("Ｈｅｌｌｏ")).toBe("hello");
    expect(dedupText("Grüße, Ünal")).toBe("grüße ünal");
    expect(dedupText("")).toBe("");
  });
});

describe("MinHash", () => {
  const hasher = new MinHasher({ bins: 64, shingle: 5 });
  const sig = (t: string) => {
    const out = new Uint32Array(64);
    hasher.signature(dedupText(t), out);
    return out;
  };

  it("gives identical texts identical signatures and unrelated texts low similarity", () => {
    expect(similarity(sig(BASE[0]!), sig(BASE[0]!))).toBe(1);
    expect(similarity(sig(BASE[0]!), sig(BASE[1]!))).toBeLessThan(0.15);
  });

  it("estimates the Jaccard similarity of the 5-gram sets within a few bins", () => {
    const shingles = (t: string) => {
      const s = dedupText(t);
      const set = new Set<string>();
      for (let i = 0; i + 5 <= s.length; i++) set.add(s.slice(i, i + 5));
      return set;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 60 }), (seed, cut) => {
        const a = words(120, seed);
        const b = words(cut, seed + 1) + " " + a.split(" ").slice(cut).join(" ");
        const sa = shingles(a);
        const sb = shingles(b);
        let inter = 0;
        for (const x of sa) if (sb.has(x)) inter++;
        const jaccard = inter / (sa.size + sb.size - inter);
        // 64 bins: the standard error is at most 1/16; allow four of them.
        expect(Math.abs(similarity(sig(a), sig(b)) - jaccard)).toBeLessThan(0.25);
      }),
      { numRuns: 60 },
    );
  });

  it("signs short texts and leaves an empty one empty", () => {
    const out = new Uint32Array(64);
    expect(hasher.signature("", out)).toBe(false);
    expect(hasher.signature("hi", out)).toBe(true);
  });
});

describe("near-duplicate detection", () => {
  it("finds planted copies (word edits, reordered sentences, spacing and case) and keeps distinct texts", () => {
    const d = new Deduplicator({ mode: "near", threshold: 0.7, window: 10_000 });
    BASE.forEach((t, i) => expect(d.check([{ role: "text", text: t }], i + 1)).toBeUndefined());
    const rnd = seededRandom(7);
    let found = 0;
    let total = 0;
    for (const t of BASE)
      for (const edit of EDITS)
        for (let k = 0; k < 5; k++) {
          total++;
          const copy = plant(t, edit, rnd);
          const m = d.check([{ role: "text", text: copy }], 100 + total);
          if (m) {
            found++;
            expect(m.ref).toBe(BASE.indexOf(t) + 1);
          }
        }
    expect(found / total).toBeGreaterThanOrEqual(0.9);
    // Distinct texts built from the same vocabulary are not duplicates of each other.
    for (let s = 0; s < 50; s++)
      expect(d.check([{ role: "text", text: words(80, 1000 + s) }], 500 + s)).toBeUndefined();
  });

  it("calls a copy with only case and punctuation changes an exact duplicate", () => {
    const d = new Deduplicator({ mode: "exact", threshold: 0.7, window: 1000 });
    expect(d.check([{ role: "user", text: "Hello, World!" }], 1)).toBeUndefined();
    expect(d.check([{ role: "user", text: "hello world" }], 2)).toEqual({
      kind: "duplicate",
      similarity: 1,
      ref: 1,
    });
    // Roles are part of the exact key; exact mode ignores near copies.
    expect(d.check([{ role: "assistant", text: "hello world" }], 3)).toBeUndefined();
    expect(d.check([{ role: "user", text: "hello world again" }], 4)).toBeUndefined();
  });

  it("does nothing when off", () => {
    const d = new Deduplicator({ mode: "off", threshold: 0.7, window: 1000 });
    expect(d.check([{ role: "user", text: "x" }], 1)).toBeUndefined();
    expect(d.check([{ role: "user", text: "x" }], 2)).toBeUndefined();
  });

  it("remembers at most `window` records: the oldest are forgotten, memory stays bounded", () => {
    const index = new LshIndex({ bands: 16, rows: 4, threshold: 0.7, window: 1000 });
    const sig = new Uint32Array(64);
    const hasher = new MinHasher();
    let peak = 0;
    for (let i = 0; i < 5000; i++) {
      hasher.signature(dedupText(words(30, i)), sig);
      index.checkAndAdd([i, i * 7], sig, i + 1);
      peak = Math.max(peak, index.size);
    }
    expect(peak).toBeLessThanOrEqual(1000);
    expect(index.size).toBeGreaterThanOrEqual(500);
    // The first record is forgotten; one of the latest is remembered.
    expect(index.checkAndAdd([0, 0], null, 9999)).toBeUndefined();
    expect(index.checkAndAdd([4999, 4999 * 7], null, 10_000)?.kind).toBe("duplicate");
    expect(index.bytes).toBeLessThan(1000 * 1200);
  });
});

describe("dedup runs in linear time", () => {
  function best(fn: () => void): number {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      fn();
      min = Math.min(min, performance.now() - t0);
    }
    return min;
  }
  for (const [name, make] of [
    ["one character", (n: number) => "a".repeat(n)],
    ["punctuation runs", (n: number) => "!?., ".repeat(n / 5)],
    ["words", (n: number) => words(n / 7, 3)],
  ] as const) {
    it(`on ${name}`, () => {
      const d = new Deduplicator({ mode: "near", threshold: 0.7, window: 1000 });
      const small = make(25_000);
      const large = make(200_000);
      d.check([{ role: "text", text: small }], 1);
      const ts = best(() => d.check([{ role: "text", text: small }], 1));
      const tl = best(() => d.check([{ role: "text", text: large }], 1));
      expect(tl, `${ts.toFixed(1)} ms at n, ${tl.toFixed(1)} ms at 8n`).toBeLessThan(Math.max(ts, 2) * 8 * 3);
    });
  }
});
