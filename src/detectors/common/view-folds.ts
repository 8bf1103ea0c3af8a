/**
 * How a plain string (a banned term, a canary, a system prompt) is written in the folded views of
 * normalize(): the skeleton (lower-cased, look-alikes folded) and the leetspeak view. Matching a
 * term against a view needs the term in that view's spelling, and only normalize() itself knows it.
 * normalize() leaves out a view equal to an earlier one, so a missing view means "same as the
 * previous one in the chain raw -> normalized -> skeleton -> leet".
 */
import { normalize } from "../../text/normalize.js";
import type { GuardText, TextView, ViewKind } from "../../text/types.js";

export type FoldKind = "skeleton" | "leet";

const CHAIN: Record<FoldKind, readonly ViewKind[]> = {
  skeleton: ["skeleton", "normalized", "raw"],
  leet: ["leet", "skeleton", "normalized", "raw"],
};

/** The view of `text` standing for `kind`: the view itself, or the one it would have equalled. */
export function viewFor(text: GuardText, kind: ViewKind): TextView {
  const chain = kind === "skeleton" || kind === "leet" ? CHAIN[kind] : [kind, "raw" as const];
  for (const k of chain) {
    const v = text.views.find((x) => x.kind === k);
    if (v) return v;
  }
  return text.views[0]!;
}

const MAX_CACHE = 4096;
const cache = new Map<string, string>();

/** The string as normalize() writes it in the skeleton or leet view. */
export function foldAs(kind: FoldKind, s: string): string {
  const key = `${kind}\u0000${s}`;
  let out = cache.get(key);
  if (out === undefined) {
    // Decoding is irrelevant here (and a term is no payload): depth 0.
    out = viewFor(normalize(s, { maxDecodeDepth: 0 }), kind).text;
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, out);
  }
  return out;
}
