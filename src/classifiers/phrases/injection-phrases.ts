/**
 * The formulas of prompt injection ("ignore all previous instructions" in fifteen languages, a persona
 * without rules, asking for the system prompt, role markers: the injection-phrases detector's rules,
 * src/detectors/injection/) in the head of a text, for the injection score. Held out by source, the
 * injection model misses many short direct attacks that say exactly this (feature-choices.md, "The
 * injection phrases inside the injection score"); the rules carry across sources where n-grams do not.
 *
 * Only the first HEAD_CHARS characters are read, which keeps the gain measured on every source at a
 * fixed cost per text; the injection-phrases detector itself reads the whole text and every view.
 */
import { findInjectionPhrases } from "../../detectors/injection/detector.js";

/** Characters of the text's head that are read. */
export const HEAD_CHARS = 256;

/** The span of the earliest injection phrase in the text's head, or null. */
export function findInjectionPhrase(text: string): [number, number] | null {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  let first: [number, number] | null = null;
  for (const h of findInjectionPhrases(head)) {
    if (first === null || h.start < first[0]) first = [h.start, h.end];
  }
  return first;
}
