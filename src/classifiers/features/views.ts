/**
 * Which normalised views feed the features. normalize() adds a view only when its text differs from
 * every earlier one, so each choice falls back along the chain of views it would equal.
 */
import type { GuardText, TextView } from "../../text/types.js";
import { viewLabel } from "../../text/view-label.js";

export interface FeatureTexts {
  /** Lower-cased, look-alikes folded, leetspeak read as letters (when present): for word n-grams. */
  words: string;
  /** NFKC without invisibles, lower-cased (the folded view for disguised text): for character n-grams. */
  chars: string;
  /** The normalized view (the folded view for disguised text), for the embedding. */
  embed: string;
}

export interface PayloadText {
  view: string;
  text: string;
  span: [number, number];
}

function find(text: GuardText, kind: TextView["kind"]): TextView | undefined {
  for (const v of text.views) if (v.kind === kind) return v;
  return undefined;
}

export function featureTexts(text: GuardText, maxChars: number, maxEmbedChars = maxChars): FeatureTexts {
  const normalized = find(text, "normalized")?.text ?? text.raw;
  const folded = find(text, "leet") ?? find(text, "skeleton");
  // Without a folded view, the skeleton equals an earlier view: already lower-case unless the text
  // never went through normalize() (then only the raw view exists).
  const words = folded ? folded.text : normalized.toLowerCase();
  // Disguised text (leetspeak, look-alike letters inside Latin words) is read through the folded view
  // by every block; ordinary text keeps its own script for the character n-grams and the embedding.
  const disguised = find(text, "leet") !== undefined || text.flags.some((f) => f.kind === "confusables");
  const base = disguised ? words : normalized;
  const cut = base.length > maxChars ? base.slice(0, maxChars) : base;
  return {
    words,
    chars: cut.toLowerCase(),
    embed: cut.length > maxEmbedChars ? cut.slice(0, maxEmbedChars) : cut,
  };
}

/** Decoded and tag-smuggled payloads, in view order, at most `max`. */
export function payloadTexts(text: GuardText, max: number): PayloadText[] {
  const out: PayloadText[] = [];
  for (const v of text.views) {
    if (out.length >= max) break;
    if (v.kind !== "decoded" && v.kind !== "tag-smuggled") continue;
    if (v.text.trim().length === 0) continue;
    out.push({ view: viewLabel(v), text: v.text, span: v.toRaw([0, v.text.length]) });
  }
  return out;
}
