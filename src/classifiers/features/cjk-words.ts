/**
 * Chinese and Japanese do not put spaces between words, so the word block would read a whole clause
 * as one "word" (cut into 32-unit pieces): features no other text shares. `cjkWords` re-spaces runs of
 * Han and kana characters before the word block reads them: "chars" makes each character a word (the
 * block's unigrams and bigrams become character unigrams and bigrams), "bigrams" makes each overlapping
 * pair of characters a word (as Lucene's CJK bigram filter indexes these scripts; a lone character stays
 * a word). Korean spaces its words and is left alone.
 */

// Kana (U+3040-30FF), CJK Extension A (U+3400-4DBF), CJK Unified Ideographs (U+4E00-9FFF), CJK
// Compatibility Ideographs (U+F900-FAFF). One character class: linear time on any input.
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Every regular expression of this module, for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [CJK];

export type CjkWords = "chars" | "bigrams";

function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

const SPACE = 0x20;
/** Output buffer, reused across calls (grown as needed): one pass, no per-run strings. */
let out = new Uint16Array(4096);

function fromUnits(n: number): string {
  // Node decodes UTF-16LE unit by unit: lone surrogates pass through as they are.
  return Buffer.from(out.buffer, out.byteOffset, 2 * n).toString("utf16le");
}

/**
 * The text with its Han and kana runs re-spaced as `mode` says: "chars" sets each character apart
 * (" a  b  c " for "abc"), "bigrams" makes each overlapping pair a word (" ab bc "; a lone character
 * stays a word: " a "). The text itself when it has none. The word block reads at most `maxWords` words,
 * so the result stops once it holds that many Han and kana words (each one word to the block, so at
 * least that many words in all): what follows would not be read. A hand-written pass, not a replace with
 * a callback per run, which took about as long as the whole n-gram stage on a 2 KB Chinese text.
 */
export function spaceCjk(text: string, mode: CjkWords = "chars", maxWords = Infinity): string {
  if (!CJK.test(text)) return text;
  const len = text.length;
  if (out.length < 3 * len + 3) out = new Uint16Array(3 * len + 3);
  let n = 0;
  let words = 0;
  for (let i = 0; i < len && words < maxWords;) {
    const c = text.charCodeAt(i);
    if (!isCjk(c)) {
      out[n++] = c;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < len && isCjk(text.charCodeAt(j))) j++;
    if (mode === "chars") {
      for (let k = i; k < j && words < maxWords; k++, words++) {
        out[n++] = SPACE;
        out[n++] = text.charCodeAt(k);
        out[n++] = SPACE;
      }
    } else if (j - i < 2) {
      out[n++] = SPACE;
      out[n++] = c;
      out[n++] = SPACE;
      words++;
    } else {
      for (let k = i; k + 1 < j && words < maxWords; k++, words++) {
        out[n++] = SPACE;
        out[n++] = text.charCodeAt(k);
        out[n++] = text.charCodeAt(k + 1);
      }
      out[n++] = SPACE;
    }
    i = j;
  }
  const spaced = fromUnits(n);
  // A huge text grew the buffer: let it go rather than hold megabytes for the next short one.
  if (out.length > 1 << 16) out = new Uint16Array(4096);
  return spaced;
}
