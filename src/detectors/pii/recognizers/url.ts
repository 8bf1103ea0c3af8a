/**
 * Web addresses (Presidio's DOMAIN_NAME / URL): http(s) URLs and bare "www." hosts. A personal
 * site or a shared-file link can identify a person; the policy decides whether a URL matters.
 */
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const URL_RE = /(?<![\w.-])(?:https?:\/\/|www\.)[^\s<>"'`()[\]{}]{2,2048}/gi;
const HOST = /^(?:https?:\/\/)?([^/?#:]+)/i;
const TLD = /\.[a-z]{2,24}$/i;

export const PATTERNS: readonly RegExp[] = [URL_RE, HOST, TLD];

/** Sentence punctuation after a URL is not part of it (trimmed by index, not by an anchored regex). */
function trimTrailing(s: string): string {
  let e = s.length;
  while (e > 0 && ".,;:!?".includes(s[e - 1]!)) e--;
  return s.slice(0, e);
}

export const urlRecognizer: Recognizer = {
  name: "url",
  labels: ["url"],
  find(input: ScanInput): PiiMatch[] {
    const lower = input.lower;
    if (!lower.includes("http") && !lower.includes("www.")) return [];
    const out: PiiMatch[] = [];
    eachMatch(URL_RE, input.text, (m) => {
      const value = trimTrailing(m[0]);
      const host = HOST.exec(value)?.[1] ?? "";
      if (!TLD.test(host)) return;
      out.push({ start: m.index, end: m.index + value.length, label: "url", score: 0.6, reason: "URL" });
    });
    return out;
  },
};
