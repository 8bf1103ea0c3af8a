/**
 * The injection-phrases detector: the formulas of prompt injection and jailbreaks that need no model
 * to recognise — "ignore all previous instructions" in fifteen languages, a persona without rules,
 * asking for the system prompt, chat-template role markers — in user input, retrieved documents and
 * tool results. High precision by design (BENCHMARKS.md, "Injection phrases": its false-positive rate
 * on benign sources); the trained injection classifier is the layer that catches paraphrase.
 *
 * It reads the normalised text, its look-alike and leetspeak folds ("1gn0re all previous
 * instructions"), and decoded and tag-smuggled payloads. At input a finding is a jailbreak; in a
 * document or tool result, a prompt injection.
 */
import type { ViewKind } from "../../text/types.js";
import { KeywordIndex } from "../common/keyword-index.js";
import { mergeFindings } from "../common/merge-findings.js";
import { distinctViews, viewName } from "../common/views.js";
import type { Detector, Finding } from "../types.js";
import { PHRASE_RULES, type PhraseRule } from "./other-rules.js";
import { OVERRIDE_RULES, isOverride } from "./override-rules.js";

const VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>([
  "raw",
  "normalized",
  "skeleton",
  "leet",
  "decoded",
  "tag-smuggled",
]);

/** Score of an override: the plainest sign of an injection there is. */
const OVERRIDE_SCORE = 0.9;
/** Matches reported per view at most (a document repeating the phrase a thousand times is one attack). */
const MAX_PER_VIEW = 16;

export interface PhraseHit {
  label: string;
  score: number;
  start: number;
  end: number;
  /** The rule's language, for overrides. */
  lang?: string;
}

// One pass over the text finds which rules can match (a trigger of theirs occurs); only those run.
// Without it, twenty-odd patterns over a 2 KB text cost more than the rest of the input stage.
const RULES = [...OVERRIDE_RULES, ...PHRASE_RULES];
const {
  keywords,
  rulesOf: rulesOfTrigger,
  matcher: prefilter,
} = new KeywordIndex(RULES.map((rule) => rule.triggers));
/** A character of the patterns' \w (ASCII letters, digits, "_"): what their \b tests, so the check drops no match. */
function regexWordUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
// Per keyword: 1 when every rule that lists it wants it as a whole word (other-rules.ts, wholeWord).
const wholeWordTrigger = Uint8Array.from(keywords, (kw, k) =>
  rulesOfTrigger[k]!.every((r) => {
    const rule = RULES[r]!;
    return "wholeWord" in rule && rule.wholeWord?.includes(kw) === true;
  })
    ? 1
    : 0,
);
// Scratch, reused by every call (the scan is synchronous and keeps nothing): where each rule's
// triggers occur, and which rules have any (only those lists are cleared after a call).
const triggerAt: number[][] = RULES.map(() => []);
const triggered: number[] = [];

/**
 * Each rule runs only on windows of the text around its triggers: no match is longer than WINDOW on
 * either side of its trigger, and a long document with one "before" in it costs one short scan.
 */
const WINDOW = 200;

/** Every phrase hit in one text. */
export function findInjectionPhrases(text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  try {
    prefilter.scan(text, (k, start, end) => {
      if (
        wholeWordTrigger[k] === 1 &&
        ((start > 0 && regexWordUnit(text.charCodeAt(start - 1))) ||
          (end < text.length && regexWordUnit(text.charCodeAt(end))))
      )
        return;
      for (const r of rulesOfTrigger[k]!) {
        const at = triggerAt[r]!;
        if (at.length === 0) triggered.push(r);
        at.push(start);
      }
    });
    if (triggered.length > 0) scanRules(text, hits);
  } finally {
    for (const r of triggered) triggerAt[r]!.length = 0;
    triggered.length = 0;
  }
  return hits;
}

/** Runs each triggered rule on the windows around its triggers, in rule order, appending to hits. */
function scanRules(text: string, hits: PhraseHit[]): void {
  for (let r = 0; r < RULES.length; r++) {
    const at = triggerAt[r]!;
    if (at.length === 0) continue;
    if (at.length > 1) at.sort((a, b) => a - b);
    const rule = RULES[r]!;
    const override = r < OVERRIDE_RULES.length ? OVERRIDE_RULES[r]! : null;
    for (let i = 0; i < at.length;) {
      // Merge the windows of nearby triggers, then scan the merged window once.
      const from = Math.max(0, at[i]! - WINDOW);
      let to = Math.min(text.length, at[i]! + WINDOW);
      while (++i < at.length && at[i]! - WINDOW <= to) to = Math.min(text.length, at[i]! + WINDOW);
      for (const m of text.slice(from, to).matchAll(rule.pattern)) {
        if (override && !isOverride(override, m[0])) continue;
        const start = from + m.index;
        hits.push({
          label: override ? "override" : (rule as PhraseRule).label,
          score: override ? OVERRIDE_SCORE : (rule as PhraseRule).score,
          start,
          end: start + m[0].length,
          ...(override ? { lang: override.lang } : {}),
        });
        if (hits.length >= MAX_PER_VIEW) return;
      }
    }
  }
}

export const injectionPhrasesDetector: Detector = {
  name: "injection-phrases",
  stages: ["input", "retrieval", "toolResult"],
  cost: "fast",
  categories: ["jailbreak", "prompt-injection"],
  detect(text, ctx): Finding[] {
    const category = ctx.stage === "input" ? "jailbreak" : "prompt-injection";
    const out: Finding[] = [];
    for (const view of distinctViews(text, VIEWS)) {
      for (const h of findInjectionPhrases(view.text)) {
        out.push({
          detector: "injection-phrases",
          category,
          score: h.score,
          label: h.label,
          span: view.toRaw([h.start, h.end]),
          view: viewName(view),
          evidence: h.lang ? `${h.label} (${h.lang})` : h.label,
        });
      }
    }
    return mergeFindings(out);
  },
};
