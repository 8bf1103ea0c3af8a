/**
 * Scans the views of a text for the compiled terms and patterns. Kept apart from the detector
 * object so the view folds (how a term looks in the skeleton and leetspeak views) can be passed
 * in: the detector uses the normaliser's own folds, tests can use simple ones.
 */
import type { GuardText, TextView, ViewKind } from "../../text/types.js";
import type { Finding } from "../types.js";
import { classAt, classBefore, WordClass } from "../common/char-class.js";
import type { CompiledTerms, TermAutomaton, TermFold } from "./compile.js";
import { foldedAutomaton } from "./compile.js";
import { mergeFindings } from "../common/merge-findings.js";
import { viewFor } from "../common/view-folds.js";
import { distinctViews, viewName } from "../common/views.js";

export const DETECTOR = "terms";

/** Views where terms are matched as written (case folded unless the term says otherwise). */
const PLAIN_VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>([
  "raw",
  "normalized",
  "decoded",
  "tag-smuggled",
]);

/**
 * Confidence by view: a match in the text as written is certain; one that needed decoding, or only
 * shows after folding look-alikes or leetspeak, is very likely but may be a coincidence of the
 * fold (the confusable skeleton maps "rn" to "m", leetspeak maps digits to letters).
 */
const VIEW_SCORE: Record<ViewKind, number> = {
  raw: 1,
  normalized: 1,
  "tag-smuggled": 0.95,
  decoded: 0.95,
  skeleton: 0.9,
  leet: 0.8,
};

export type ViewFolds = Partial<Record<ViewKind, TermFold>>;

/** A boundary side is fine when the neighbour is no letter or digit, or belongs to a script written without spaces. */
function boundaryOk(text: string, start: number, end: number, a: TermAutomaton, id: number): boolean {
  if (a.boundaryStart[id] === 1 && classBefore(text, start) === WordClass.Word) return false;
  if (a.boundaryEnd[id] === 1 && classAt(text, end) === WordClass.Word) return false;
  return true;
}

function scanTerms(
  c: CompiledTerms,
  a: TermAutomaton,
  view: TextView,
  plain: boolean,
  score: number,
  out: Finding[],
): void {
  const text = view.text;
  const name = viewName(view);
  a.ac.scan(text, (id, start, end) => {
    if (!boundaryOk(text, start, end, a, id)) return;
    const term = c.terms[a.termOf[id] as number]!;
    if (term.caseSensitive && !(plain && text.startsWith(term.term, start))) return;
    out.push({
      detector: DETECTOR,
      category: term.category,
      score,
      label: term.topic ?? "banned-term",
      span: view.toRaw([start, end]),
      view: name,
      evidence: term.topic ? `topic "${term.topic}": term "${term.term}"` : `banned term "${term.term}"`,
    });
  });
}

function scanPatterns(c: CompiledTerms, view: TextView, out: Finding[]): void {
  const text = view.text;
  const name = viewName(view);
  for (const p of c.patterns) {
    const re = p.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      // An empty match reports nothing and would not advance: step over it.
      if (end === start) {
        re.lastIndex = start + 1;
        if (re.lastIndex > text.length) break;
        continue;
      }
      out.push({
        detector: DETECTOR,
        category: p.category,
        score: VIEW_SCORE[view.kind],
        label: p.name,
        span: view.toRaw([start, end]),
        view: name,
        evidence: `pattern "${p.name}"`,
      });
    }
  }
}

export function scanText(text: GuardText, c: CompiledTerms, folds: ViewFolds): Finding[] {
  const out: Finding[] = [];
  if (c.terms.length > 0) {
    const jobs: Array<[TermAutomaton | undefined, TextView, number | undefined]> = [];
    for (const view of text.views) if (PLAIN_VIEWS.has(view.kind)) jobs.push([c.plain, view, undefined]);
    for (const kind of ["skeleton", "leet"] as const) {
      const fold = folds[kind];
      // A folded view equal to an earlier one is left out of the GuardText: match the folded
      // terms against the view it equals, so "Café" still finds "cafe" in plain lower-case text.
      if (fold) jobs.push([foldedAutomaton(c, kind, fold), viewFor(text, kind), VIEW_SCORE[kind]]);
    }
    // Never scan the same text twice with the same automaton.
    const done = new Map<TermAutomaton, string[]>();
    for (const [a, view, familyScore] of jobs) {
      if (!a) continue;
      const seen = done.get(a) ?? [];
      if (seen.includes(view.text)) continue;
      seen.push(view.text);
      done.set(a, seen);
      scanTerms(c, a, view, a === c.plain, familyScore ?? VIEW_SCORE[view.kind], out);
    }
  }
  if (c.patterns.length > 0) {
    for (const view of distinctViews(text, PLAIN_VIEWS)) scanPatterns(c, view, out);
  }
  return mergeFindings(out);
}
