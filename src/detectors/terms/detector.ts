/**
 * The terms detector: banned terms, topic word lists and user RE2 patterns from the policy.
 * Terms match whole words in spaced scripts and as substrings in scripts written without spaces,
 * in the text as written and in its skeleton and leetspeak views ("c4sino", Cyrillic look-alikes).
 */
import type { Detector, Finding } from "../types.js";
import { compileTerms, DEFAULT_TERMS_CATEGORY } from "./compile.js";
import { scanText, type ViewFolds } from "./scan.js";
import { foldAs } from "../common/view-folds.js";

const FOLDS: ViewFolds = {
  skeleton: (s) => foldAs("skeleton", s),
  leet: (s) => foldAs("leet", s),
};

export const termsDetector: Detector = {
  name: "terms",
  stages: ["input", "retrieval", "toolCall", "toolResult", "output"],
  cost: "fast",
  categories: [DEFAULT_TERMS_CATEGORY],
  detect(text, ctx): Finding[] {
    const compiled = compileTerms(ctx.settings.terms);
    if (compiled.terms.length === 0 && compiled.patterns.length === 0) return [];
    return scanText(text, compiled, FOLDS);
  },
};
