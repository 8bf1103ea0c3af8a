/**
 * Choosing which views of a GuardText a detector scans. Views are often identical to the raw text
 * (plain ASCII has the same normalised form), and scanning the same string twice only costs time,
 * so views whose text equals one already chosen are dropped.
 */
import type { GuardText, TextView, ViewKind } from "../../text/types.js";

export { viewLabel as viewName } from "../../text/view-label.js";

/** The views of the wanted kinds, in order, without repeating a text already listed. */
export function distinctViews(text: GuardText, kinds: ReadonlySet<ViewKind>): TextView[] {
  const out: TextView[] = [];
  for (const view of text.views) {
    if (!kinds.has(view.kind)) continue;
    let seen = false;
    for (const v of out) {
      if (v.text.length === view.text.length && v.text === view.text) {
        seen = true;
        break;
      }
    }
    if (!seen) out.push(view);
  }
  return out;
}
