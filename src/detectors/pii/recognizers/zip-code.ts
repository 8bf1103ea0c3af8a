/**
 * Postal codes after a cue ("ZIP:", "zip code", "postcode", "postal code"): US ZIP and ZIP+4, UK,
 * Canadian, Dutch and generic 3–6 digit codes. Postcodes inside a found address are part of the
 * address. Without a cue a postcode is indistinguishable from any other short number.
 */
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const ZIP =
  /\b(?:zip|zip code|zipcode|postcode|post code|postal code|plz)\b(?: is|:)? ?((?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})|(?:[A-Z]\d[A-Z] ?\d[A-Z]\d)|(?:\d{4} ?[A-Z]{2})|(?:\d{2,3}[ -]\d{2,4})|(?:\d{3,6}(?:-\d{4})?))(?![\w-])/gi;
export const PATTERNS: readonly RegExp[] = [ZIP];

export const zipCodeRecognizer: Recognizer = {
  name: "zip-code",
  labels: ["zip-code"],
  find(input: ScanInput): PiiMatch[] {
    const lower = input.lower;
    if (!input.hasDigit || !(lower.includes("zip") || lower.includes("post") || lower.includes("plz")))
      return [];
    const out: PiiMatch[] = [];
    eachMatch(ZIP, input.text, (m) => {
      const v = m[1]!;
      const start = m.index + m[0].length - v.length;
      out.push({
        start,
        end: start + v.length,
        label: "zip-code",
        score: 0.75,
        reason: "after a postcode cue",
      });
    });
    return out;
  },
};
