import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DECODED_VIEWS } from "./decode.js";
import { normalize } from "./normalize.js";
import type { GuardText, NormalizeOptions } from "./types.js";

// The reference for what the normalized view removes: Unicode's own Default_Ignorable_Code_Point.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const reference = (s: string) => s.replace(IGNORABLE, "").normalize("NFKC");

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const tags = (s: string) =>
  [...s].map((c) => String.fromCodePoint(0xe0000 + ((c.codePointAt(0) as number) & 0x7f))).join("");

const fragment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.constantFrom(
    "\u200B",
    "\u200C",
    "\u200D",
    "\u2060",
    "\uFEFF",
    "\u00AD",
    "\uFE0F",
    "\u{E0100}",
    "\u180E",
  ),
  fc.constantFrom(
    "\u202A",
    "\u202B",
    "\u202C",
    "\u202D",
    "\u202E",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200E",
    "\u200F",
    "\u061C",
  ),
  fc.string({ unit: "binary-ascii", maxLength: 10 }).map(tags),
  fc.string({ maxLength: 40 }).map(b64),
  fc.string({ maxLength: 30 }).map((s) => b64(b64(s))),
  fc.string({ maxLength: 20 }).map((s) => Buffer.from(s).toString("hex")),
  fc.constantFrom(
    "раураl",
    "ｉｇｎｏｒｅ",
    "1gn0r3",
    "p@$$w0rd",
    "é",
    "e\u0301",
    "\u0301\u0316\u0301",
    "ﬁ",
    "𝐁",
    "😀",
    "👨\u200D👩",
    "가",
    "\u1100\u1161\u11A8",
    "ﾊﾟ",
    "İ",
    "%69%67",
    "&#105;&lt;",
    "vtaber nyy",
  ),
);
const spliced = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(""));

const texts = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 80 }),
  spliced,
);

function checkSpans(g: GuardText, spans: readonly [number, number][]): void {
  for (const v of g.views) {
    const len = v.text.length;
    for (const [a, b] of spans) {
      for (const span of [
        [a % (len + 1), b % (len + 1)],
        [Math.min(a, b) % (len + 1), len],
        [a, b],
        [-a, len + b],
      ] as [number, number][]) {
        const [s, e] = v.toRaw(span);
        expect(Number.isInteger(s) && Number.isInteger(e)).toBe(true);
        expect(0 <= s && s <= e && e <= g.raw.length).toBe(true);
      }
    }
  }
}

describe("normalize (property)", () => {
  it("never throws, and every view maps any span into [0, raw.length] with start <= end", () => {
    fc.assert(
      fc.property(
        texts,
        fc.array(fc.tuple(fc.nat(200), fc.nat(200)), { minLength: 1, maxLength: 6 }),
        (raw, spans) => {
          const g = normalize(raw);
          expect(g.raw).toBe(raw);
          expect(g.views[0]!.kind).toBe("raw");
          expect(g.views[0]!.text).toBe(raw);
          checkSpans(g, spans);
        },
      ),
      { numRuns: 600 },
    );
  });

  it("normalized view equals NFKC of the text without default-ignorables", () => {
    fc.assert(
      fc.property(texts, (raw) => {
        const g = normalize(raw);
        const n = g.views.find((v) => v.kind === "normalized")?.text ?? raw;
        expect(n).toBe(reference(raw));
      }),
      { numRuns: 800 },
    );
  });

  it("each normalized character maps back to raw text whose normal form contains it", () => {
    fc.assert(
      fc.property(texts, (raw) => {
        const g = normalize(raw);
        const v = g.views.find((x) => x.kind === "normalized");
        if (v === undefined) return;
        let prev = -1;
        for (let k = 0; k < v.text.length;) {
          const cp = v.text.codePointAt(k) as number;
          const len = cp >= 0x10000 ? 2 : 1;
          const [s, e] = v.toRaw([k, k + len]);
          expect(reference(raw.slice(s, e))).toContain(String.fromCodePoint(cp));
          expect(s).toBeGreaterThanOrEqual(prev); // monotone
          prev = s;
          k += len;
        }
      }),
      { numRuns: 800 },
    );
  });

  it("skeleton and leet views map every character into the raw text, in order", () => {
    fc.assert(
      fc.property(texts, (raw) => {
        const g = normalize(raw);
        for (const v of g.views.filter((x) => x.kind === "skeleton" || x.kind === "leet")) {
          let prev = -1;
          for (let k = 0; k < v.text.length; k++) {
            const [s, e] = v.toRaw([k, k + 1]);
            expect(s).toBeLessThan(e);
            expect(s).toBeGreaterThanOrEqual(prev);
            prev = s;
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("decoding stays within its limits and terminates on nested payloads", () => {
    const nested = fc
      .tuple(
        fc.string({ minLength: 4, maxLength: 60 }),
        fc.array(fc.constantFrom("b64", "hex"), { maxLength: 8 }),
      )
      .map(([s, chain]) =>
        chain.reduce((acc, enc) => (enc === "b64" ? b64(acc) : Buffer.from(acc).toString("hex")), s),
      );
    const options = fc.record({
      maxDecodeDepth: fc.integer({ min: 0, max: 5 }),
      maxDecodedChars: fc.integer({ min: 0, max: 3000 }),
      minEncodedLength: fc.integer({ min: 4, max: 32 }),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          texts,
          nested,
          fc.array(nested, { maxLength: 5 }).map((a) => a.join(" ")),
        ),
        options,
        (raw, opts: NormalizeOptions) => {
          const g = normalize(raw, opts);
          const decoded = g.views.filter((v) => v.kind === "decoded");
          const total = decoded.reduce((n, v) => n + v.text.length, 0);
          expect(total).toBeLessThanOrEqual(opts.maxDecodedChars!);
          expect(decoded.length).toBeLessThanOrEqual(MAX_DECODED_VIEWS);
          for (const v of decoded) {
            expect(v.encodings!.length).toBeGreaterThanOrEqual(1);
            expect(v.encodings!.length).toBeLessThanOrEqual(opts.maxDecodeDepth!);
            const [s, e] = v.toRaw([0, v.text.length]);
            expect(0 <= s && s < e && e <= raw.length).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
