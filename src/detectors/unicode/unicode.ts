/**
 * The unicode detector reports hidden or disguised text, from the flags the normaliser raised: invisible
 * characters, ASCII smuggled in Unicode tag characters, bidi controls that reorder what a reader sees,
 * and words that mix scripts (Latin with Cyrillic look-alikes). Spans are raw spans, so a policy can
 * strip or redact exactly the hidden characters. A GuardText that did not come from normalize() (for
 * instance rawText()) is normalised here first, without decoding, so the detector never silently
 * passes text it has not looked at.
 */
import { STAGES } from "../../policy/stages.js";
import { isRtl } from "../../text/char-class.js";
import { isNormalized, normalize } from "../../text/normalize.js";
import type { GuardText, Span, TextFlag } from "../../text/types.js";
import type { Detector, DetectorContext, Finding } from "../types.js";
import {
  BIDI_NAMES,
  bidiScore,
  codePointsIn,
  invisibleScore,
  mixedScriptScore,
  skeletonIsAscii,
  splitsWord,
  TAG_SCORE,
  totalCount,
} from "./scores.js";

const NAME = "unicode";
const CATEGORY = "obfuscation";
const EVIDENCE_MAX = 80;
const RTL_WINDOW = 32;

const hex = (cp: number) => "U+" + cp.toString(16).toUpperCase().padStart(4, "0");

function flagsOf(text: GuardText): TextFlag[] {
  if (isNormalized(text)) return text.flags;
  // Not normalised: look at the raw text (flags only; decoding is not needed here).
  for (let i = 0; i < text.raw.length; i++) {
    if (text.raw.charCodeAt(i) >= 0x80) return normalize(text.raw, { maxDecodedChars: 0 }).flags;
  }
  return [];
}

function rtlNear(raw: string, span: Span): boolean {
  const from = Math.max(0, span[0] - RTL_WINDOW);
  const to = Math.min(raw.length, span[1] + RTL_WINDOW);
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x590 && isRtl(raw.codePointAt(i) as number)) return true;
  }
  return false;
}

function finding(label: string, score: number, span: Span, evidence: string): Finding {
  return {
    detector: NAME,
    category: CATEGORY,
    label,
    score,
    span: [span[0], span[1]],
    view: "raw",
    evidence,
  };
}

function invisibleFindings(raw: string, flags: readonly TextFlag[], out: Finding[]): void {
  const invisible = flags.filter((f) => f.kind === "invisible");
  if (invisible.length === 0) return;
  const total = totalCount(flags, "invisible");
  const softOnly = invisible.every((f) => codePointsIn(raw, f.span).every((cp) => cp === 0xad));
  for (const f of invisible) {
    const inside = splitsWord(raw, f.span);
    const score = invisibleScore(total, inside, softOnly);
    const what = `${f.count} invisible character${f.count === 1 ? "" : "s"}${f.detail ? ` (${f.detail})` : ""}`;
    out.push(finding("invisible", score, f.span, inside ? `${what} inside a word` : what));
  }
}

function bidiFindings(raw: string, flags: readonly TextFlag[], out: Finding[]): void {
  for (const f of flags) {
    if (f.kind !== "bidi-control") continue;
    const cps = codePointsIn(raw, f.span).filter((cp) => BIDI_NAMES.has(cp));
    const score = bidiScore(cps, rtlNear(raw, f.span));
    if (score === null) continue;
    const names = [...new Set(cps)].slice(0, 3).map((cp) => `${hex(cp)} ${BIDI_NAMES.get(cp) ?? ""}`.trim());
    out.push(finding("bidi-control", score, f.span, names.join(", ")));
  }
}

function tagFindings(flags: readonly TextFlag[], out: Finding[]): void {
  for (const f of flags) {
    if (f.kind !== "tag-characters") continue;
    const payload = f.detail ?? "";
    // Tag characters that spell nothing (a stray cancel tag) are hidden but carry no text.
    const score = payload.length > 0 ? TAG_SCORE : 0.6;
    out.push(
      finding(
        "tag-smuggling",
        score,
        f.span,
        payload.length > EVIDENCE_MAX ? payload.slice(0, EVIDENCE_MAX) : payload,
      ),
    );
  }
}

function scriptFindings(flags: readonly TextFlag[], out: Finding[]): void {
  const mixed = flags.filter((f) => f.kind === "mixed-script");
  const spoofs = mixed.filter((f) => skeletonIsAscii(f.detail)).length;
  const covered: Span[] = [];
  for (const f of mixed) {
    covered.push(f.span);
    const score = mixedScriptScore(skeletonIsAscii(f.detail), spoofs);
    out.push(finding("mixed-script", score, f.span, `word mixes ${f.detail ?? "scripts"}`));
  }
  // Look-alikes folded inside a Latin word without mixing scripts (e.g. Latin small capitals, IPA alpha).
  for (const f of flags) {
    if (f.kind !== "confusables" || covered.some((s) => s[0] === f.span[0] && s[1] === f.span[1])) continue;
    out.push(finding("confusable", 0.5, f.span, f.detail ?? "look-alike letters"));
  }
}

export const unicodeDetector: Detector = {
  name: NAME,
  stages: STAGES,
  cost: "fast",
  categories: [CATEGORY],
  detect(text: GuardText, ctx: DetectorContext): Finding[] {
    const flags = flagsOf(text);
    if (flags.length === 0) return [];
    const out: Finding[] = [];
    tagFindings(flags, out);
    invisibleFindings(text.raw, flags, out);
    bidiFindings(text.raw, flags, out);
    if (ctx.settings.unicode.mixedScript) scriptFindings(flags, out);
    return out;
  },
};
