/**
 * Redaction: replaces labelled raw spans by mask, placeholder, hash or vault placeholder, in one
 * left-to-right pass over merged, non-overlapping spans. The mode is per label
 * (settings.labels, where "national-id" also covers "national-id:es-dni"), else settings.mode.
 */
import type { z } from "zod";
import type { RedactionMode, RedactionSettings } from "../../policy/schema.js";
import { hashTag } from "./hash.js";
import { maskValue } from "./mask.js";
import { mergeItems } from "./merge.js";
import { tagFor } from "./tags.js";
import type { RedactionItem, RedactionResult, Replacement } from "./types.js";
import type { Vault } from "./vault.js";

type Settings = z.infer<typeof RedactionSettings>;

export function modeFor(label: string, settings: Pick<Settings, "mode" | "labels">): RedactionMode {
  const exact = settings.labels[label];
  if (exact) return exact;
  const colon = label.indexOf(":");
  if (colon > 0) {
    const family = settings.labels[label.slice(0, colon)];
    if (family) return family;
  }
  return settings.mode;
}

/**
 * Redacts `items` in `raw`. Without a vault, "vault" mode falls back to per-text placeholders
 * (still redacted, just not reversible).
 */
export function redact(
  raw: string,
  items: readonly RedactionItem[],
  settings: Settings,
  vault?: Vault,
): RedactionResult {
  const merged = mergeItems(raw, items);
  const replacements: Replacement[] = [];
  // Placeholder numbering within this text: per tag, same value → same number.
  const local = new Map<string, string>();
  const localCount = new Map<string, number>();
  let out = "";
  let pos = 0;
  for (const it of merged) {
    const [s, e] = it.span;
    const value = raw.slice(s, e);
    const mode = modeFor(it.label, settings);
    let rep: string;
    if (mode === "mask") rep = maskValue(value, it.label, settings.maskChar);
    else if (mode === "hash") rep = hashTag(it.label, value, settings.hashSalt);
    else if (mode === "vault" && vault) rep = vault.placeholderFor(it.label, value);
    else {
      const tag = tagFor(it.label);
      const key = `${tag}\u0000${value}`;
      let p = local.get(key);
      if (p === undefined) {
        const n = (localCount.get(tag) ?? 0) + 1;
        localCount.set(tag, n);
        p = `[${tag}_${n}]`;
        local.set(key, p);
      }
      rep = p;
    }
    out += raw.slice(pos, s);
    const outStart = out.length;
    out += rep;
    replacements.push({
      span: [s, e],
      outputSpan: [outStart, out.length],
      label: it.label,
      mode,
      replacement: rep,
    });
    pos = e;
  }
  out += raw.slice(pos);
  return { text: out, replacements };
}
