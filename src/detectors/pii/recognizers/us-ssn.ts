/**
 * US Social Security numbers: AAA-GG-SSSS (or spaced, or nine bare digits) with the SSA validity
 * rules: area not 000, 666 or 900–999; group not 00; serial not 0000; and not the handful of
 * numbers published in advertising. Bare nine digits are weak evidence without context.
 */
import { applyContext, NOT_PII_NUMBER_WORDS } from "../context.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const SSN = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d]|-\d)/g;

export const PATTERNS: readonly RegExp[] = [SSN];

/** Numbers printed on sample cards and in advertising, never issued to a person. */
const KNOWN_INVALID = new Set(["078051120", "219099999", "123456789", "111111111", "333333333", "457555462"]);

export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === "00" || serial === "0000") return false;
  return !KNOWN_INVALID.has(area + group + serial);
}

const CONTEXT = {
  positive: [
    "ssn",
    "ssns",
    "social security",
    "social security number",
    "social",
    "ss#",
    "ss #",
    "taxpayer",
    "tin",
  ],
  negative: [...NOT_PII_NUMBER_WORDS, "phone", "call", "tel", "fax", "mobile"],
  boost: 0.35,
  penalty: 0.25,
};

export const usSsnRecognizer: Recognizer = {
  name: "us-ssn",
  labels: ["us-ssn"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const out: PiiMatch[] = [];
    eachMatch(SSN, input.text, (m) => {
      const [, area = "", sep = "", group = "", serial = ""] = m;
      if (!ssnValid(area, group, serial)) return;
      const base = sep === "-" ? 0.6 : sep === " " ? 0.5 : 0.4;
      const start = m.index;
      const end = m.index + m[0].length;
      const ctx = applyContext(input.lower, start, end, base, CONTEXT);
      out.push({
        start,
        end,
        label: "us-ssn",
        score: ctx.score,
        reason: ctx.word ? `valid ranges, context '${ctx.word}'` : "valid ranges",
      });
    });
    return out;
  },
};
