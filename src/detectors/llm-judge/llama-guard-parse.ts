/**
 * Reads a Llama Guard 3 answer: "safe", or "unsafe" with a second line of codes ("S1,S10"). Tolerated:
 * surrounding whitespace, any letter case, codes on the first line ("unsafe S2"), spaces around commas.
 * A code the category list does not know is reported under the fallback category with the code as its
 * label, and "unsafe" without codes likewise: the model said unsafe, so it must not pass as safe.
 */
import type { Finding } from "../types.js";
import type { LlamaGuardCategory } from "./llama-guard-categories.js";
import { JudgeParseError, type ParsedVerdict } from "./types.js";

function isCode(word: string): boolean {
  if (word.length < 2 || word.length > 3 || (word[0] !== "S" && word[0] !== "s")) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Words split on commas and whitespace (no regex: the reply is untrusted and may be long). */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of line) {
    if (ch === "," || ch === " " || ch === "\t" || ch === ";") {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export interface LlamaGuardParseOptions {
  detector: string;
  categories: readonly LlamaGuardCategory[];
  fallbackCategory: string;
}

/** The most of a reply looked at: a Llama Guard answer is a few tokens. */
const MAX_REPLY = 2000;

export function parseLlamaGuard(reply: string, options: LlamaGuardParseOptions): ParsedVerdict {
  const lines = reply
    .slice(0, MAX_REPLY)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const first = lines[0] ?? "";
  const head = words(first);
  const verdict = (head[0] ?? "").toLowerCase();
  if (verdict === "safe" && head.length === 1) return { unsafe: false, findings: [] };
  if (verdict !== "unsafe") {
    const shown = first.length > 80 ? `${first.slice(0, 80)}…` : first;
    throw new JudgeParseError(
      `guard model reply is not in Llama Guard format: the first line "${shown}" is neither "safe" nor "unsafe"`,
      reply,
    );
  }
  const codes: string[] = [];
  for (const w of [...head.slice(1), ...words(lines[1] ?? "")]) {
    const code = w.toUpperCase();
    if (isCode(code) && !codes.includes(code)) codes.push(code);
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (category: string, label: string, evidence: string) => {
    if (seen.has(category)) return;
    seen.add(category);
    findings.push({ detector: options.detector, category, score: 1, label, evidence });
  };
  for (const code of codes) {
    const known = options.categories.find((c) => c.code === code);
    if (known) add(known.category, code, `guard model: unsafe, ${code} ${known.name}`);
    else add(options.fallbackCategory, code, `guard model: unsafe, ${code} (not in the category list)`);
  }
  if (findings.length === 0)
    add(options.fallbackCategory, "unsafe", "guard model: unsafe, no category given");
  return { unsafe: true, findings };
}
