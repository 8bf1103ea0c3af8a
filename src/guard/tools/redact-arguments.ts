/**
 * Applies a stage decision's redactions to structured arguments: the redaction runs on the detector
 * text (so placeholders and vault entries match the stage's own), and each replacement is written
 * back into its JSON leaf, keeping the arguments valid JSON.
 */
import { redact } from "../redaction/index.js";
import type { Policy } from "../../policy/schema.js";
import type { Decision } from "../types.js";
import type { Vault } from "../redaction/index.js";
import { applyEdits, leafAt, type ArgumentText, type TextEdit } from "./argument-text.js";

export interface RedactedArguments {
  json: string;
  value: unknown;
  /** Labels of what was replaced, e.g. ["email", "email", "phone"]. */
  labels: string[];
  /** Redactions that fell in a field name and could not be written back. */
  unplaced: number;
}

export function redactArguments(
  policy: Policy,
  args: ArgumentText,
  stage: Decision,
  vault: Vault | undefined,
): RedactedArguments {
  // Each span is clipped to the leaves it touches (a span running from one value into the next line
  // is redacted in both values); a span in field names only cannot be written back.
  const items: Array<{ span: [number, number]; label: string }> = [];
  let unplaced = 0;
  for (const f of stage.reasons) {
    if (stage.ruleActions[f.category] !== "redact" || !f.span) continue;
    const [s, e] = f.span;
    const label = f.label ?? f.category;
    let placed = false;
    // From the leaf at or before the span's start, forward through the leaves it reaches.
    for (let i = Math.max(0, leafAt(args.leaves, s)); i < args.leaves.length; i++) {
      const leaf = args.leaves[i]!;
      if (leaf.start >= e) break;
      const start = Math.max(s, leaf.start);
      const end = Math.min(e, leaf.end);
      if (start < end) {
        items.push({ span: [start, end], label });
        placed = true;
      }
    }
    if (!placed) unplaced++;
  }
  const { replacements } = redact(args.text, items, policy.redaction, vault);
  const edits: TextEdit[] = replacements.map((r) => ({ span: r.span, replacement: r.replacement }));
  const applied = applyEdits(args, edits);
  return {
    json: applied.json,
    value: applied.value,
    labels: replacements.map((r) => r.label),
    unplaced: unplaced + applied.unplaced.length,
  };
}
