/**
 * The code detector: dangerous shell and SQL in prompts, documents, answers and tool arguments.
 * One Aho–Corasick pass over a view finds which rules' keywords occur; only those rules run.
 * Scores depend on the stage: at toolCall the text is about to execute, elsewhere it is text
 * about commands (documentation, questions), which is usually benign.
 */
import type { ViewKind } from "../../text/types.js";
import { KeywordIndex } from "../common/keyword-index.js";
import { isWordUnit } from "../common/char-class.js";
import { mergeFindings } from "../common/merge-findings.js";
import { distinctViews, viewName } from "../common/views.js";
import type { Detector, Finding } from "../types.js";
import { CodeScan } from "./code-scan.js";
import type { CodeHit, CodeRule } from "./rule-types.js";
import { PATTERNS as RULE_TEXT_PATTERNS } from "./rule-types.js";
import { PATTERNS as SHELL_PATTERNS, SHELL_RULES } from "./shell-rules.js";
import { PATTERNS as SQL_PATTERNS, SQL_RULES } from "./sql-rules.js";

export const CATEGORY = "code-interpreter-abuse";
export const RULES: readonly CodeRule[] = [...SHELL_RULES, ...SQL_RULES];

const LETTER_FIRST = /^[a-z]/;
/** Every regex the code detector uses, for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [
  ...SHELL_PATTERNS,
  ...SQL_PATTERNS,
  ...RULE_TEXT_PATTERNS,
  LETTER_FIRST,
];

/**
 * Raw and normalised views, the skeleton (so look-alike letters and zero-width characters do not
 * hide "rm -rf /"), decoded payloads (base64-wrapped commands) and tag-smuggled text. The
 * leetspeak view is left out: a command spelled in leetspeak does not run.
 */
const VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>([
  "raw",
  "normalized",
  "skeleton",
  "decoded",
  "tag-smuggled",
]);

const {
  keywords,
  rulesOf: rulesOfKeyword,
  matcher: prefilter,
} = new KeywordIndex(RULES.map((rule) => rule.keywords));
// A keyword that starts with a letter must start a word: "rm " inside "form " triggers nothing.
const wordStart = Uint8Array.from(keywords, (k) => (LETTER_FIRST.test(k) ? 1 : 0));

// Scratch for keywordPass, reused by every call (findCode is synchronous and not re-entrant, and
// nothing it returns keeps them): a fresh array and map per view were a third of the detector's
// allocation on ordinary text.
const ruleOn = new Uint8Array(RULES.length);
const keywordAt = new Map<string, number[]>();

/** Marks in ruleOn the rules whose keywords occur in the text, and records in keywordAt where. */
function keywordPass(text: string): void {
  ruleOn.fill(0);
  keywordAt.clear();
  prefilter.scan(text, (k, start) => {
    if (wordStart[k] === 1 && start > 0 && isWordUnit(text.charCodeAt(start - 1))) return;
    for (const r of rulesOfKeyword[k]!) ruleOn[r] = 1;
    const kw = keywords[k]!;
    const list = keywordAt.get(kw);
    if (list) list.push(start);
    else keywordAt.set(kw, [start]);
  });
}

export function findCode(text: string, shell: boolean, sql: boolean): CodeHit[] {
  const hits: CodeHit[] = [];
  keywordPass(text);
  let scan: CodeScan | undefined;
  for (let r = 0; r < RULES.length; r++) {
    if (ruleOn[r] !== 1) continue;
    const rule = RULES[r]!;
    if ((rule.lang === "shell" && !shell) || (rule.lang === "sql" && !sql)) continue;
    scan ??= new CodeScan(text, keywordAt);
    rule.find(scan, hits);
  }
  return hits;
}

export const codeDetector: Detector = {
  name: "code",
  stages: ["input", "toolCall", "output", "toolResult"],
  cost: "fast",
  categories: [CATEGORY],
  detect(text, ctx): Finding[] {
    const { shell, sql } = ctx.settings.code;
    if (!shell && !sql) return [];
    const exec = ctx.stage === "toolCall";
    const out: Finding[] = [];
    for (const view of distinctViews(text, VIEWS)) {
      const hits = findCode(view.text, shell, sql);
      if (hits.length === 0) continue;
      const name = viewName(view);
      for (const h of hits) {
        out.push({
          detector: "code",
          category: CATEGORY,
          score: exec ? h.severity.exec : h.severity.text,
          label: h.label,
          span: view.toRaw([h.start, h.end]),
          view: name,
          evidence: h.evidence,
        });
      }
    }
    return mergeFindings(out);
  },
};
