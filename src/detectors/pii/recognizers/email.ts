/** Email addresses: a conservative RFC 5322 subset (dot-atom local part, LDH domain labels). */
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import { eachMatch } from "../scan.js";

// Local part and labels are bounded so a run of "a@a@a@…" costs a constant per position.
// Each domain label starts after a dot, so the split into labels is unambiguous; the top-level
// label is checked in code.
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}(?![\w-])/g;
const TLD = /^[A-Za-z]{2,24}$/;

export const PATTERNS: readonly RegExp[] = [EMAIL, TLD];

export const emailRecognizer: Recognizer = {
  name: "email",
  labels: ["email"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.text.includes("@")) return [];
    const out: PiiMatch[] = [];
    eachMatch(EMAIL, input.text, (m) => {
      const local = m[0].slice(0, m[0].indexOf("@"));
      if (local.includes("..") || local.endsWith(".")) return;
      if (!TLD.test(m[0].slice(m[0].lastIndexOf(".") + 1))) return;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        label: "email",
        score: 0.95,
        reason: "address syntax",
      });
    });
    return out;
  },
};
