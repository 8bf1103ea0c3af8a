/**
 * Recognises requests to transform text the user supplies — translate, summarise, classify — and
 * where that supplied text (the payload) lies. A harmful finding inside the payload of such a
 * request is not a request for harmful help; the policy decides whether to let it pass.
 */
import type { Transformation } from "../policy/schema.js";
import type { Span } from "../text/types.js";

export interface TransformationRequest {
  transformation: Transformation;
  /** Raw span of the supplied text. */
  payload: Span;
}

// Verb stems per transformation, in several languages. Matched case-insensitively at the start of the
// request (after an optional politeness prefix); the instruction must end with ':' / newline / a quote.
const VERBS: Record<Transformation, string[]> = {
  translate: [
    "translate",
    "traduce",
    "traduis",
    "traduire",
    "traduza",
    "traduzir",
    "tradurre",
    "übersetze",
    "übersetzen",
    "переведи",
    "перевести",
    "翻译",
    "翻訳",
    "번역",
    "ترجم",
  ],
  summarise: [
    "summarise",
    "summarize",
    "summary of",
    "tl;dr",
    "tldr",
    "resume",
    "resumir",
    "résume",
    "résumer",
    "riassumi",
    "fasse zusammen",
    "zusammenfassung",
    "кратко изложи",
    "总结",
    "概括",
    "要約",
    "요약",
    "لخص",
  ],
  classify: [
    "classify",
    "categorise",
    "categorize",
    "label",
    "moderate",
    "rate the toxicity of",
    "is this text",
    "is the following",
    "detect the language of",
    "clasifica",
    "classe",
    "klassifiziere",
    "классифицируй",
    "分类",
  ],
};

const PREFIX = String.raw`(?:please[,\s]+|can you[,\s]+|could you[,\s]+|kindly[,\s]+|por favor[,\s]+|bitte[,\s]+|s'il te plaît[,\s]+|请)?`;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// One pattern per transformation. Bounded repetition ({0,160}) over a negated class keeps it linear.
const PATTERNS: Array<[Transformation, RegExp]> = (Object.keys(VERBS) as Transformation[]).map((t) => [
  t,
  new RegExp(
    String.raw`^\s{0,8}${PREFIX}(?:${VERBS[t].map(escape).join("|")})[^:\n"“«「]{0,160}[:\n"“«「]`,
    "iu",
  ),
]);

/** Exported for the global linear-time check. */
export const TRANSFORMATION_PATTERNS: readonly RegExp[] = PATTERNS.map(([, re]) => re);

const MIN_PAYLOAD = 8;

/** Finds a transformation request at the start of `raw`, or undefined. */
export function findTransformation(raw: string): TransformationRequest | undefined {
  const head = raw.slice(0, 240);
  for (const [transformation, re] of PATTERNS) {
    const m = re.exec(head);
    if (!m) continue;
    let start = m[0].length;
    let end = raw.length;
    while (start < end && /\s/.test(raw[start] ?? "")) start++;
    while (end > start && /[\s"”»」]/.test(raw[end - 1] ?? "")) end--;
    if (end - start < MIN_PAYLOAD) continue;
    return { transformation, payload: [start, end] };
  }
  return undefined;
}
