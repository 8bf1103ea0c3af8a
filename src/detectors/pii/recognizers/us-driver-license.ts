/**
 * US driver's licence numbers. State formats overlap with every other kind of number (seven
 * digits, a letter and twelve digits, …), so only a licence cue makes one: "driver's license
 * number is F162823540116", "DL# 4031276".
 */
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const DL =
  /\b(?:driver'?s?|drivers)[ -]licen[cs]e(?: (?:number|no\.?|#))?(?: is|:)? ?#? ?([A-Z]{0,2}\d[\dA-Z-]{3,18}\d)(?![\w-])|\bDL ?(?:#|no\.?|number)?:? ?([A-Z]{0,2}\d{5,14})(?!\w)/gi;
/** The cue's letters anywhere, tested without lower-casing a copy of the text. */
const CUE = /licen|dl/i;
export const PATTERNS: readonly RegExp[] = [DL, CUE];

export const usDriverLicenseRecognizer: Recognizer = {
  name: "us-driver-license",
  labels: ["us-driver-license"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit || !CUE.test(input.text)) return [];
    const out: PiiMatch[] = [];
    eachMatch(DL, input.text, (m) => {
      const v = (m[1] ?? m[2])!;
      const start = m.index + m[0].length - v.length;
      out.push({
        start,
        end: start + v.length,
        label: "us-driver-license",
        score: 0.8,
        reason: "after a licence cue",
      });
    });
    return out;
  },
};
