/**
 * Leakage scanning over the views of a text: canary tokens (any form, any view) and echoes of
 * the system prompt. The view folds (how a string looks in the skeleton view) are passed in, so
 * the detector can use the normaliser's own and tests can use simple ones.
 */
import type { GuardText, TextView, ViewKind } from "../../text/types.js";
import { mergeFindings } from "../common/merge-findings.js";
import { viewFor } from "../common/view-folds.js";
import { distinctViews, viewName } from "../common/views.js";
import type { Finding } from "../types.js";
import type { CanaryForm } from "./canaries.js";
import { canaryForms, compactSpan, compactText, MIN_LOOSE, occurrences, type Compact } from "./canaries.js";
import { echoScore, findEcho } from "./echo.js";
import { promptShingles } from "./prompt-shingles.js";

export const DETECTOR = "leakage";
export const CATEGORY = "data-exfiltration";

/** How a plain string (a canary, the system prompt) is written in the skeleton view. */
export type StringFold = (kind: "skeleton", s: string) => string;

export interface LeakageInput {
  canaries: readonly string[];
  systemPrompt?: string;
  minOverlapWords: number;
}

const EXACT_VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>([
  "raw",
  "normalized",
  "decoded",
  "tag-smuggled",
]);
/** Views for loose canary forms and for echoes; the raw view stands in when there is no normalised one. */
const LOOSE_VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>(["normalized", "decoded", "tag-smuggled"]);

function masked(canary: string): string {
  return `${canary.slice(0, 2)}…(${canary.length} chars)`;
}

function canaryFinding(view: TextView, span: [number, number], canary: string, form: CanaryForm): Finding {
  return {
    detector: DETECTOR,
    category: CATEGORY,
    score: 1,
    label: "canary",
    span: view.toRaw(span),
    view: viewName(view),
    evidence: `canary ${masked(canary)} found (${form})`,
  };
}

function scanCanaries(
  text: GuardText,
  canaries: readonly string[],
  fold: StringFold | undefined,
  out: Finding[],
): void {
  const exactViews = distinctViews(text, EXACT_VIEWS);
  // Loose forms are looked for in one case-folded, separator-free copy of the most normalised
  // plain view (normalised, else raw) and of each decoded view.
  const looseViews = distinctViews(text, LOOSE_VIEWS);
  if (!looseViews.some((v) => v.kind === "normalized")) looseViews.unshift(text.views[0]!);
  const compacts = new Map<TextView, Compact>();
  const compactOfView = (v: TextView): Compact => {
    let c = compacts.get(v);
    if (!c) {
      c = compactText(v.text);
      compacts.set(v, c);
    }
    return c;
  };
  const skeleton = fold ? viewFor(text, "skeleton") : undefined;

  for (const canary of canaries) {
    if (canary.length === 0) continue;
    const f = canaryForms(canary);
    for (const v of exactViews) {
      for (const i of occurrences(v.text, canary))
        out.push(canaryFinding(v, [i, i + canary.length], canary, "exact"));
      for (const core of f.base64)
        for (const i of occurrences(v.text, core))
          out.push(canaryFinding(v, [i, i + core.length], canary, "base64"));
    }
    if (f.compact.length < MIN_LOOSE) continue;
    if (skeleton && fold) {
      const s = fold("skeleton", canary);
      if (s.length >= MIN_LOOSE)
        for (const i of occurrences(skeleton.text, s))
          out.push(canaryFinding(skeleton, [i, i + s.length], canary, "folded"));
    }
    for (const v of looseViews) {
      const c = compactOfView(v);
      for (const [needle, form] of [
        [f.compact, "separated"],
        [f.reversed, "reversed"],
        [f.hex, "hex"],
      ] as const) {
        for (const i of occurrences(c.text, needle))
          out.push(canaryFinding(v, compactSpan(c, i, needle.length), canary, form));
      }
    }
  }
}

function scanEcho(text: GuardText, input: LeakageInput, fold: StringFold | undefined, out: Finding[]): void {
  const prompt = input.systemPrompt;
  if (!prompt) return;
  const k = input.minOverlapWords;
  const plain = promptShingles(prompt, k);
  // A prompt shorter than 4 words is too short to call an echo of it a leak.
  if (plain.k < 4) return;
  const views = distinctViews(text, LOOSE_VIEWS);
  if (!views.some((v) => v.kind === "normalized")) views.unshift(text.views[0]!);
  // The skeleton differs from the normalised view in case (already ignored) and diacritics, and
  // in folded look-alikes: only the last can hide an echo, and normalize() flags it when it happens.
  const lookAlikes = text.flags.some((f) => f.kind === "confusables" || f.kind === "mixed-script");
  const skeleton = fold && lookAlikes ? text.views.find((v) => v.kind === "skeleton") : undefined;
  const jobs: Array<[TextView, ReturnType<typeof promptShingles>]> = views.map((v) => [v, plain]);
  if (skeleton && fold)
    jobs.push([skeleton, promptShingles(prompt, k, "skeleton", (s) => fold("skeleton", s))]);
  for (const [view, shingles] of jobs) {
    const echo = findEcho(view.text, shingles);
    if (!echo) continue;
    const score = echoScore(echo, shingles.k);
    const pct = Math.round(echo.fraction * 100);
    for (const r of echo.regions) {
      out.push({
        detector: DETECTOR,
        category: CATEGORY,
        score,
        label: "system-prompt-echo",
        span: view.toRaw([r.start, r.end]),
        view: viewName(view),
        evidence: `repeats ${r.words} words of the system prompt here; ${pct}% of the prompt echoed in all, longest run ${echo.longestRun} words`,
      });
    }
  }
}

export function scanLeakage(text: GuardText, input: LeakageInput, fold?: StringFold): Finding[] {
  const out: Finding[] = [];
  if (input.canaries.length > 0) scanCanaries(text, input.canaries, fold, out);
  scanEcho(text, input, fold, out);
  return mergeFindings(out);
}
