/**
 * The stock phrases of an English refusal at the head of a response: "I'm sorry, but…", "I can't help
 * with…", "As an AI language model, I cannot…", "I must decline". Held out by source, the refusal model
 * misses many refusals in a house style its training sources do not show, phrased exactly like this
 * (feature-choices.md, "Stock refusal phrases"); these phrases carry across models and sources.
 *
 * Only the head of the response is read: a refusal says so first, and a compliant answer that later
 * quotes "I can't help with that" (a tutorial on chatbots, a story) should not read as one. The
 * pattern is linear: its one repetition, `(?:\s+\S+){0,3}?`, alternates disjoint classes a bounded
 * number of times (test/regex-safety.test.ts checks it).
 */

/** Characters of the response's head that are read. */
export const HEAD_CHARS = 400;

const APOS = "['\u2019]";
const VERBS =
  "(?:help(?!\\s+but\\b)|assist|provide|comply|fulfil+|create|write|generate|support|give|share|engage|answer|offer|produce|participate|do\\s+that|speculate|disclose|reveal|mimic|imitate|condone|endorse|promote)";
const CANNOT = `(?:can${APOS}?t|cannot|can\\s+not|won${APOS}t|will\\s+not|am\\s+unable\\s+to|${APOS}m\\s+unable\\s+to|am\\s+not\\s+able\\s+to|${APOS}m\\s+not\\s+able\\s+to|refuse\\s+to)`;

export const REFUSAL_PHRASE = new RegExp(
  [
    // "I'm sorry, but", "I apologise, but"
    `\\bi(?:${APOS}m|\\s+am)\\s+sorry,?\\s+but\\b`,
    `\\bi\\s+apologi[sz]e,?\\s+but\\b`,
    // "I can't help with", "I am unable to provide", "I won't write" (a few words may sit between)
    `\\bi\\s*${CANNOT}(?:\\s+\\S+){0,3}?\\s+${VERBS}\\b`,
    // "I must decline", "I have to refuse"
    `\\bi\\s+(?:must|have\\s+to|need\\s+to)\\s+(?:respectfully\\s+)?(?:decline|refuse)\\b`,
    // "As an AI language model, I cannot"
    `\\bas\\s+an\\s+ai(?:\\s+(?:language\\s+)?model|\\s+assistant)?,?\\s+i\\s+(?:can${APOS}?t|cannot|can\\s+not|am\\s+unable|${APOS}m\\s+unable)\\b`,
    // "As an AI language model, I don't have access to…", "As an AI, I do not have the ability to…"
    `\\bas\\s+an\\s+ai(?:\\s+(?:language\\s+)?model|\\s+assistant)?(?:\\s+(?:developed|created|trained)\\s+by\\s+\\w+)?,?\\s+i\\s+(?:do\\s+not|don${APOS}t)\\s+have\\s+(?:(?:direct|real-time|any)\\s+)?(?:access\\s+to|the\\s+ability\\s+to)\\b`,
    // "I do not actually have access to…" (Claude's house style)
    `\\bi\\s+(?:do\\s+not|don${APOS}t)\\s+actually\\s+have\\s+(?:any\\s+)?(?:access|information)\\b`,
    // "I'm not comfortable writing", "I don't feel comfortable"
    `\\bi(?:${APOS}m|\\s+am)\\s+not\\s+comfortable\\b`,
    `\\bi\\s+(?:don${APOS}t|do\\s+not)\\s+feel\\s+comfortable\\b`,
    // "That's not something I can help with"
    `\\bnot\\s+something\\s+i\\s+(?:can|am\\s+able\\s+to|${APOS}m\\s+able\\s+to)\\s+${VERBS}\\b`,
    // "It is not appropriate for me to"
    `\\bit(?:${APOS}s|\\s+is|\\s+would\\s+not\\s+be|\\s+wouldn${APOS}t\\s+be)\\s+(?:not\\s+)?(?:appropriate|ethical|responsible)\\s+for\\s+me\\s+to\\b`,
    // "It's not possible for me to see…"
    `\\bit(?:${APOS}s|\\s+is)\\s+not\\s+possible\\s+for\\s+me\\s+to\\b`,
  ].join("|"),
  // Not "u": Unicode-aware case folding makes this pattern ten times slower, and English needs none.
  "i",
);

/** The span of the first stock refusal phrase in the head of `text`, or null. */
export function findRefusalPhrase(text: string): [number, number] | null {
  const m = REFUSAL_PHRASE.exec(text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text);
  return m ? [m.index, m.index + m[0].length] : null;
}

/** For test/regex-safety.test.ts, which checks every built-in pattern for linear time. */
export const REFUSAL_PATTERNS: readonly RegExp[] = [REFUSAL_PHRASE];
