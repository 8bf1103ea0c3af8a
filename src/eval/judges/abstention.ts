/**
 * Does an answer decline for lack of information ("the context does not say", "I don't know")? For a
 * grounded case that is a correct answer when the context cannot answer the question. Keyword
 * prefilter first; the patterns use bounded gaps only, so each runs in linear time.
 */
const ABSTAIN = [
  /\b(?:context|documents?|passages?|sources?|text|information provided|provided information)\b[^.!?\n]{0,40}\b(?:does not|doesn't|do not|don't|did not|didn't)\b[^.!?\n]{0,20}\b(?:say|says|state|mention|mentions|contain|contains|include|includes|specify|specifies|provide|provides|answer|cover|address)/i,
  /\b(?:not|isn't|is not|aren't|are not)\s(?:mentioned|stated|specified|provided|included|covered|given|found|addressed)\s(?:in|by)\s(?:the\s)?(?:context|documents?|passages?|sources?|text|information)/i,
  /\b(?:no|not enough|insufficient)\s(?:information|details|data|mention|evidence)\b/i,
  /\bI\s(?:do not|don't|cannot|can't|could not|couldn't)\s(?:know|find|tell|determine|say|see|answer)\b/i,
  /\b(?:unable|not able)\sto\s(?:find|determine|answer|tell|say)\b/i,
  /\b(?:there is|there's)\sno\s(?:mention|information|indication|record)\b/i,
];

export const PATTERNS: readonly RegExp[] = ABSTAIN;

const CUES = ["not", "n't", "no ", "unable", "insufficient", "cannot"];

export function isAbstention(answer: string): boolean {
  const lower = answer.toLowerCase();
  if (!CUES.some((c) => lower.includes(c))) return false;
  return ABSTAIN.some((re) => re.test(answer));
}
