/**
 * Which normalised views feed the features. normalize() adds a view only when its text differs from
 * every earlier one, so each choice falls back along the chain of views it would equal.
 */
import type { GuardText, TextView } from "../../text/types.js";
import { viewLabel } from "../../text/view-label.js";

export interface FeatureTexts {
  /** Look-alikes folded, leetspeak read as letters (when present): for word n-grams. */
  words: string;
  /** NFKC without invisibles (the folded view for disguised text): for character n-grams. */
  chars: string;
  /** The embedding reads embed[0, embedEnd): the same text as `chars`, cut to length. */
  embed: string;
  embedEnd: number;
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

/**
 * The texts of each feature block. Nothing is copied: the n-gram scanners fold case themselves and stop
 * at their own caps, and the embedding reads a prefix in place (a sliced string reads slower).
 */
export function featureTexts(text: GuardText, maxEmbedChars: number): FeatureTexts {
  const normalized = find(text, "normalized")?.text ?? text.raw;
  const folded = find(text, "leet") ?? find(text, "skeleton");
  // Without a folded view, the skeleton equals an earlier view.
  const words = folded ? folded.text : normalized;
  // Disguised text (leetspeak, look-alike letters inside Latin words) is read through the folded view
  // by every block; ordinary text keeps its own script for the character n-grams and the embedding.
  const disguised = find(text, "leet") !== undefined || text.flags.some((f) => f.kind === "confusables");
  const base = disguised ? words : normalized;
  return { words, chars: base, embed: base, embedEnd: Math.min(base.length, maxEmbedChars) };
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
