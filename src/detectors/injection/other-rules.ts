/**
 * The other formulas of direct and indirect injection, beside "ignore previous instructions"
 * (override-rules.ts): a persona that has no rules ("you are now DAN", "Do Anything Now"), asking the
 * assistant for its own hidden instructions ("print your system prompt"), and chat-template role
 * markers that text from a user or a document has no business carrying ("<|im_start|>system",
 * "[INST]"). Each is worded narrowly: "enable developer mode" on a phone or "the system prompt in
 * Windows" must not match.
 *
 * Literal alternations with bounded repetition only: linear time (test/regex-safety.test.ts). ASCII
 * patterns without the "u" flag: case-insensitive Unicode matching made them several times slower.
 */

export interface PhraseRule {
  label: "override" | "persona" | "prompt-extraction" | "role-marker";
  score: number;
  pattern: RegExp;
  /** Strings one of which every match contains (the detector runs the pattern only when one occurs). */
  triggers: readonly string[];
  /**
   * Triggers that every match contains as a whole word: an occurrence inside a longer word ("dan" in
   * "abundant", "mode" in "model", "stan" in "instance") does not run the pattern. Without this, most
   * pattern runs on ordinary prose were for such occurrences.
   */
  wholeWord?: readonly string[];
}

const PERSONA =
  /\b(?:you\s+are\s+(?:now\s+)?|you're\s+(?:now\s+)?|act\s+as\s+|pretend\s+(?:to\s+be|you\s+are)\s+|become\s+|stay\s+in\s+character\s+as\s+)(?:an?\s+|the\s+)?(?:dan|stan|dude|jailbroken\s+(?:ai|model|assistant|chatbot|version)|(?:unrestricted|unfiltered|uncensored)\s+(?:ai|model|assistant|chatbot|version|llm))\b/gi;
const DO_ANYTHING = /\bdo\s+anything\s+now\b/gi;
const PERSONA_NO_RULES =
  /\b(?:you\s+are|you're|act\s+as|pretend\s+(?:to\s+be|you\s+are)|become|play)\s+(?:now\s+)?(?:an?\s+)?(?:[a-z0-9-]+,?\s+){0,3}(?:ai|assistant|chatbot|model|bot|llm)\s+(?:without|with\s+no|free\s+(?:of|from))\s+(?:any\s+)?(?:rules|filters|restrictions|guidelines|limits|limitations|ethics|morals|censorship)\b/gi;
const FORGET_EVERYTHING =
  /\b(?:forget|ignore|disregard)\s+everything\s+(?:(?:you\s+(?:were|have\s+been|'ve\s+been)\s+(?:told|given|taught|instructed))|above|before\s+this)\b/gi;
const PERSONA_MODE =
  /\b(?:you\s+are|you're|chatgpt\s+is|you\s+will\s+be|you\s+now\s+run)\s+(?:now\s+)?(?:in|running\s+in|operating\s+in)\s+(?:the\s+)?(?:developer|dan|god|jailbreak|jailbroken|unrestricted|evil)\s+mode\b|\b(?:developer|dan|jailbreak|god)\s+mode\s+(?:enabled|activated|is\s+(?:now\s+)?(?:on|enabled|active))\b/gi;

const EXTRACTION =
  /\b(?:repeat|print|reveal|show|output|display|dump|leak|disclose|recite|tell\s+me|give\s+me|share|write\s+down|translate|encode|quote|copy|what\s+(?:is|are|was|were))\s+(?:(?:me|us|back|out|all|of|exactly|verbatim|again)\s+){0,3}your\s+(?:(?:full|entire|complete|exact|original|initial|hidden|secret|internal|system|developer|first|confidential)\s+){1,3}(?:prompt|prompts|instructions|directives|message|guidelines)\b/gi;
const EXTRACTION_ABOVE =
  /\b(?:repeat|print|output|reproduce|copy)\s+(?:(?:all|of|the|every)\s+){0,3}(?:everything|text|words|content|instructions)\s+(?:above|before)\s+(?:this\s+(?:line|message|sentence)|here)\b/gi;

const FULL_TEXT =
  /\b(?:full|complete|entire|exact|whole)\s+text\s+of\s+your\s+(?:instructions|prompt|system\s+(?:prompt|message)|guidelines)\b/gi;

const ROLE_MARKER =
  /<\|(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id)\|>|<<\/?SYS>>|<\/?system>/gi;
// Upper case only: "[Inst]" labels an instrumental section in song notation.
const ROLE_MARKER_INST = /\[\/?INST\]/g;

export const PHRASE_RULES: readonly PhraseRule[] = [
  {
    label: "persona",
    score: 0.85,
    pattern: PERSONA,
    triggers: ["dan", "stan", "dude", "jailbroken", "unrestricted", "unfiltered", "uncensored"],
    // The pattern reads them after whitespace and before a word boundary.
    wholeWord: ["dan", "stan", "dude"],
  },
  { label: "persona", score: 0.85, pattern: DO_ANYTHING, triggers: ["anything"] },
  {
    label: "persona",
    score: 0.85,
    pattern: PERSONA_NO_RULES,
    triggers: ["without", "with no", "free of", "free from"],
  },
  { label: "override", score: 0.9, pattern: FORGET_EVERYTHING, triggers: ["everything"] },
  { label: "persona", score: 0.85, pattern: PERSONA_MODE, triggers: ["mode"], wholeWord: ["mode"] },
  { label: "prompt-extraction", score: 0.85, pattern: EXTRACTION, triggers: ["your"] },
  { label: "prompt-extraction", score: 0.8, pattern: EXTRACTION_ABOVE, triggers: ["above", "before"] },
  { label: "prompt-extraction", score: 0.85, pattern: FULL_TEXT, triggers: ["text of your"] },
  {
    label: "role-marker",
    score: 0.75,
    pattern: ROLE_MARKER,
    triggers: ["<|", "<<sys", "<</sys", "system>"],
  },
  { label: "role-marker", score: 0.75, pattern: ROLE_MARKER_INST, triggers: ["inst]"] },
];

export const PATTERNS: readonly RegExp[] = PHRASE_RULES.map((r) => r.pattern);
