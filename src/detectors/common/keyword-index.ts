/**
 * The prefilter of rule-based detectors: every rule lists keywords one of which any match of it
 * contains; one Aho–Corasick pass over a text finds the keywords present, and so which rules can match
 * and need to run. Keywords shared by several rules are listed once.
 */
import { AhoCorasick } from "./aho-corasick.js";

export class KeywordIndex {
  /** The distinct keywords, in first-seen order (the matcher's pattern ids). */
  readonly keywords: readonly string[];
  /** Per keyword id: the rules that list it. */
  readonly rulesOf: readonly (readonly number[])[];
  readonly matcher: AhoCorasick;

  /** keywordsOfRule[r]: rule r's keywords. */
  constructor(keywordsOfRule: readonly (readonly string[])[]) {
    const keywords: string[] = [];
    const rulesOf: number[][] = [];
    const idOf = new Map<string, number>();
    keywordsOfRule.forEach((list, r) => {
      for (const kw of list) {
        let k = idOf.get(kw);
        if (k === undefined) {
          k = keywords.length;
          idOf.set(kw, k);
          keywords.push(kw);
          rulesOf.push([]);
        }
        rulesOf[k]!.push(r);
      }
    });
    this.keywords = keywords;
    this.rulesOf = rulesOf;
    this.matcher = new AhoCorasick(keywords);
  }
}
