/**
 * Redacts the released segments of one stream. It replaces spans exactly as the guard's `redact`
 * does (same modes, same merging), but numbers placeholders across the whole stream: two different
 * emails in two segments become [EMAIL_1] and [EMAIL_2], as they would in one non-streamed answer.
 */
import type { Policy } from "../../policy/schema.js";
import { hashTag, maskValue, mergeItems, modeFor, Vault, type RedactionItem } from "../redaction/index.js";

export class SegmentRedactor {
  /** Stream-wide placeholder numbering for "placeholder" mode (not reversible: never handed out). */
  private readonly numbering = new Vault();

  constructor(
    private readonly settings: Policy["redaction"],
    /** The caller's vault, for "vault" mode. */
    private readonly vault: Vault | undefined,
  ) {}

  /** `raw` with `items` (spans within it) replaced; the count of replacements made. */
  redact(raw: string, items: readonly RedactionItem[]): { text: string; replaced: number } {
    if (items.length === 0) return { text: raw, replaced: 0 };
    const merged = mergeItems(raw, items);
    let out = "";
    let pos = 0;
    for (const { span, label } of merged) {
      const [s, e] = span;
      const value = raw.slice(s, e);
      const mode = modeFor(label, this.settings);
      let rep: string;
      if (mode === "mask") rep = maskValue(value, label, this.settings.maskChar);
      else if (mode === "hash") rep = hashTag(label, value, this.settings.hashSalt);
      else if (mode === "vault" && this.vault) rep = this.vault.placeholderFor(label, value);
      else rep = this.numbering.placeholderFor(label, value);
      out += raw.slice(pos, s) + rep;
      pos = e;
    }
    return { text: out + raw.slice(pos), replaced: merged.length };
  }
}
