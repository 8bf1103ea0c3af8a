/**
 * Nationalities, religious and political groups (Presidio's NRP) from a gazetteer. Words that are
 * also ordinary English ("polish", "french" fries are still French) count only when capitalised;
 * a language reading ("speak English", "in German") lowers the score.
 */
import { applyContext } from "../context.js";
import { CASE_SENSITIVE_NRP, NRP_FIRST_WORDS, NRP_TERMS } from "../gazetteers/nrp.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import { lowerOf } from "../words.js";

const LANGUAGE = {
  positive: [],
  negative: [
    "speak",
    "speaks",
    "speaking",
    "spoken",
    "in",
    "learn",
    "learning",
    "studying",
    "translate",
    "translated",
    "language",
    "fluent",
  ],
  boost: 0,
  penalty: 0.25,
  before: 14,
  after: 0,
};

/** The first three letters of a word, case-folded, as a number (ASCII only; 0 otherwise). */
function prefixKey(text: string, i: number): number {
  let k = 0;
  for (let j = i; j < i + 3; j++) {
    const c = text.charCodeAt(j) | 32;
    if (c < 97 || c > 122) return 0;
    k = k * 256 + c;
  }
  return k;
}
const NRP_PREFIXES: ReadonlySet<number> = new Set(
  [...NRP_TERMS].map((t) => prefixKey(t, 0)).filter((k) => k !== 0),
);

export const nrpRecognizer: Recognizer = {
  name: "nrp",
  labels: ["nrp"],
  find(input: ScanInput): PiiMatch[] {
    const words = input.words;
    const lower = input.lower;
    const out: PiiMatch[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      // all terms are 3–19 letters long: skip other words before slicing
      const len = w.end - w.start;
      if (len < 3 || len > 19) continue;
      if (!NRP_PREFIXES.has(prefixKey(input.text, w.start))) continue;
      const l = lowerOf(w);
      let end = w.end;
      let term = l;
      const next = words[i + 1];
      if (next && NRP_FIRST_WORDS.has(l) && next.start === w.end + 1) {
        const two = `${l} ${lowerOf(next)}`;
        if (NRP_TERMS.has(two)) {
          term = two;
          end = next.end;
        }
      }
      if (!NRP_TERMS.has(term)) continue;
      if (CASE_SENSITIVE_NRP.has(term) && !w.cap) continue;
      const ctx = applyContext(lower, w.start, end, 0.6, LANGUAGE);
      out.push({
        start: w.start,
        end,
        label: "nrp",
        score: ctx.score,
        reason: "nationality, religion or political group",
      });
      if (end !== w.end) i++;
    }
    return out;
  },
};
