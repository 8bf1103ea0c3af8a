/**
 * Canary tokens: strings planted in the context (system prompt, documents) that must never appear
 * in output or tool calls. A leak may be disguised, so each canary is looked for as written, with
 * case and separators ignored ("C-A-N-A-R-Y 1 2 3"), reversed, as hex, as base64 at each of the
 * three byte alignments, and, through the view folds, in look-alike letters.
 */
import { foldString, isWordUnit } from "../common/char-class.js";
import { ASCII_FOLD, wordUnit } from "./word-hashes.js";

export type CanaryForm = "exact" | "folded" | "separated" | "reversed" | "hex" | "base64";

export interface CanaryForms {
  canary: string;
  /** Lower-case, letters and digits only. */
  compact: string;
  reversed: string;
  hex: string;
  /** The stable middles of the canary's base64 encodings at byte offsets 0, 1 and 2. */
  base64: string[];
}

/** Below this many letters and digits a canary matched loosely would match by chance. */
export const MIN_LOOSE = 6;

export function compactOf(s: string): string {
  const f = foldString(s);
  let out = "";
  for (let i = 0; i < f.length; i++) if (isWordUnit(f.charCodeAt(i))) out += f[i];
  return out;
}

function base64Cores(canary: string): string[] {
  const bytes = Buffer.from(canary, "utf8");
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const enc = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    // Characters touched by the unknown bytes before (shift) or after (padding) are dropped.
    const from = shift === 0 ? 0 : Math.ceil((shift * 4) / 3);
    const usable = Math.floor((shift + bytes.length) / 3) * 4;
    const core = enc.slice(from, usable);
    if (core.length >= MIN_LOOSE) cores.push(core);
  }
  return cores;
}

const formsCache = new Map<string, CanaryForms>();

export function canaryForms(canary: string): CanaryForms {
  let f = formsCache.get(canary);
  if (f) return f;
  const compact = compactOf(canary);
  f = {
    canary,
    compact,
    reversed: [...compact].reverse().join(""),
    hex: Buffer.from(canary, "utf8").toString("hex"),
    base64: base64Cores(canary),
  };
  if (formsCache.size > 256) formsCache.clear();
  formsCache.set(canary, f);
  return f;
}

/**
 * Reported occurrences of one form of one canary in one view. A single leak decides the outcome;
 * the cap keeps a text that repeats a canary thousands of times from producing as many findings.
 */
export const MAX_OCCURRENCES = 64;

/** Offsets of the non-overlapping occurrences of needle in haystack (at most MAX_OCCURRENCES). */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (
    let i = haystack.indexOf(needle);
    i >= 0 && out.length < MAX_OCCURRENCES;
    i = haystack.indexOf(needle, i + needle.length)
  )
    out.push(i);
  return out;
}

/** The text's letters and digits, case-folded, in one string (separators dropped). */
export interface Compact {
  text: string;
  /** The text it was made from, to map offsets back. */
  source: string;
  /** Source offset of each compact character; built on the first match only. */
  offsets?: Int32Array;
}

const utf16 = new TextDecoder("utf-16le");
let units = new Uint16Array(0);

/** A UTF-16 unit as kept in the compact text (folded), or 0 when dropped. */
function keep(c: number): number {
  return c < 128 ? (ASCII_FOLD[c] as number) : wordUnit(c);
}

export function compactText(text: string): Compact {
  const len = text.length;
  if (units.length < len) units = new Uint16Array(Math.max(len, units.length * 2));
  let n = 0;
  for (let i = 0; i < len; i++) {
    const u = text.charCodeAt(i);
    const k = u < 128 ? (ASCII_FOLD[u] as number) : wordUnit(u);
    if (k !== 0) units[n++] = k;
  }
  return { text: utf16.decode(units.subarray(0, n)), source: text };
}

/** The span of the source text that produced compact characters [start, start + len). */
export function compactSpan(c: Compact, start: number, len: number): [number, number] {
  // Matches are rare, so the offset table is built only when the first one needs it.
  if (!c.offsets) {
    const offsets = new Int32Array(c.text.length);
    const src = c.source;
    for (let i = 0, n = 0; i < src.length; i++) if (keep(src.charCodeAt(i)) !== 0) offsets[n++] = i;
    c.offsets = offsets;
  }
  return [c.offsets[start] as number, (c.offsets[start + len - 1] as number) + 1];
}
