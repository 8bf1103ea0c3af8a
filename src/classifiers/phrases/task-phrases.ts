/**
 * Phrase rules that a task's score includes: where one matches, the text scores at least PHRASE_SCORE,
 * whatever the model says. Training applies them too (the operating threshold is chosen on the
 * combined validation scores, and every reported figure is of the combined score), so a model card
 * describes what the detector does. Refusal and injection have them: a refusal's stock phrases and the
 * formulas of injection carry across sources where n-grams do not (feature-choices.md, "Stock refusal
 * phrases" and "The injection phrases inside the injection score").
 */
import type { GuardText, TextView } from "../../text/types.js";
import type { Task } from "../training/types.js";
import { findInjectionPhrase } from "./injection-phrases.js";
import { findRefusalPhrase } from "./refusal-phrases.js";

/** The score a phrase match gives: above every operating threshold, below certainty. */
export const PHRASE_SCORE = 0.99;

export interface TaskPhrases {
  /** What the phrases are, for evidence and model cards. */
  name: string;
  find(text: string): [number, number] | null;
}

const TASK_PHRASES: Partial<Record<Task, TaskPhrases>> = {
  refusal: { name: "stock refusal phrase", find: findRefusalPhrase },
  injection: { name: "injection phrase", find: findInjectionPhrase },
};

export function taskPhrases(task: string): TaskPhrases | undefined {
  return TASK_PHRASES[task as Task];
}

/** A model score with a phrase match taken into account. */
export function withPhrase(score: number, matched: boolean): number {
  return matched && score < PHRASE_SCORE ? PHRASE_SCORE : score;
}

/**
 * The view phrase rules read: the normalised one (NFKC, invisibles removed), else the raw view (normalize()
 * adds a view only when it differs). Its toRaw maps a match back to the raw text.
 */
export function phraseView(text: GuardText): TextView {
  for (const v of text.views) if (v.kind === "normalized") return v;
  return text.views[0]!;
}

/**
 * Per example of a training set: 1 where the task's phrases match its normalised text; null for a task
 * without phrases. `normalizeText` is text/normalize's normalize (passed in to keep this module light).
 */
export function phraseHits(
  task: string,
  texts: readonly string[],
  normalizeText: (raw: string) => GuardText,
): Uint8Array | null {
  const phrases = taskPhrases(task);
  if (!phrases) return null;
  return Uint8Array.from(texts, (t) => (phrases.find(phraseView(normalizeText(t)).text) ? 1 : 0));
}
