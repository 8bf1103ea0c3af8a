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
const CJK_EACH = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Every regular expression of this module, for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [CJK, CJK_EACH, CJK_RUN];

export type CjkWords = "chars" | "bigrams";

/** " a b c " for "abc"; " ab bc " for "abc" in bigrams. */
function bigrams(run: string): string {
  if (run.length < 2) return ` ${run} `;
  let out = " ";
  for (let i = 0; i + 1 < run.length; i++) out += `${run.slice(i, i + 2)} `;
  return out;
}

/** The text with its Han and kana runs re-spaced as `mode` says; the text itself when it has none. */
export function spaceCjk(text: string, mode: CjkWords = "chars"): string {
  if (!CJK.test(text)) return text;
  return mode === "chars" ? text.replace(CJK_EACH, " $& ") : text.replace(CJK_RUN, bigrams);
}
