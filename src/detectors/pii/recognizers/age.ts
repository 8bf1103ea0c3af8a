/**
 * Ages: a number with an age phrase ("79 year old", "31 y/o", "aged 60", "turned 23", "at the
 * age of 60", "age: 45"). The span is the number, as people redact it.
 */
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const AFTER = /(?<![\d.,])(\d{1,3})(?:[ -](?:years?|yrs?)[ -]old|[ -]?y\/o|[ -]?yo\b|[ -]years? of age)/gi;
const BEFORE =
  /\b(?:aged?|age of|age:|turn(?:ed|s|ing)?)[ ]?(\d{1,3})(?![\d.,]\d|[\d%]| ?(?:am|pm|percent|times|minutes|hours|days|weeks|months|dollars|euros|pounds|kg|km|cm|mm|st|nd|rd|th)\b)/gi;
export const PATTERNS: readonly RegExp[] = [AFTER, BEFORE];

export const ageRecognizer: Recognizer = {
  name: "age",
  labels: ["age"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const out: PiiMatch[] = [];
    const push = (m: RegExpExecArray, score: number, numberLast: boolean) => {
      const n = m[1]!;
      if (Number(n) > 125) return;
      const start = numberLast ? m.index + m[0].length - n.length : m.index;
      out.push({ start, end: start + n.length, label: "age", score, reason: "age phrase" });
    };
    const lower = input.lower;
    if (lower.includes("old") || lower.includes("y/o") || lower.includes("yo") || lower.includes("of age")) {
      eachMatch(AFTER, input.text, (m) => push(m, 0.75, false));
    }
    // "turn 23", "aged 60"; the lookahead drops "turn 5 minutes", "age 10%"
    if (lower.includes("age") || lower.includes("turn"))
      eachMatch(BEFORE, input.text, (m) => push(m, 0.7, true));
    return out;
  },
};
