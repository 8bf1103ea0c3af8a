/**
 * A per-conversation vault for reversible redaction. Each distinct (label, value) gets one
 * placeholder such as [EMAIL_1] for the life of the vault, so the same person stays the same
 * placeholder across turns; `deanonymize` puts the originals back into a model's answer and
 * tolerates the small reformatting models do ([email_1], EMAIL_1, [EMAIL 1], <EMAIL-1>).
 * In memory only: the caller decides whether and where a conversation's vault is kept.
 */
import { tagFor } from "./tags.js";

export interface VaultEntry {
  placeholder: string;
  label: string;
  value: string;
}

/** Canonical lookup key of a placeholder: tag letters and digits only, upper-case, plus the number. */
function keyOf(tag: string, n: string): string {
  return `${tag.toUpperCase().replace(SEPARATORS, "")}#${Number(n)}`;
}

const SEPARATORS = /[_ -]/g;
const PAIRS: Record<string, string> = { "[": "]", "<": ">", "{": "}" };

export const PATTERNS: readonly RegExp[] = [
  SEPARATORS,
  placeholderPattern(["EMAIL", "CREDIT_CARD", "NATIONAL_ID_ES_DNI"]),
];

/**
 * A regex for the placeholders of the given tags. Tags are [A-Z0-9_] only (see tagFor), so the
 * pattern is an alternation of literals with optional separators and optional brackets: linear.
 */
export function placeholderPattern(tags: readonly string[]): RegExp {
  const alts = [...tags].sort((a, b) => b.length - a.length).map((t) => t.split("_").join("[_ -]?"));
  return new RegExp(
    `([\\[<{] ?)?(?<![A-Za-z0-9_])(${alts.join("|")})[_ -]?(\\d{1,6})(?![0-9])( ?[\\]>}])?`,
    "gi",
  );
}

export class Vault {
  private readonly byValue = new Map<string, VaultEntry>();
  private readonly byKey = new Map<string, VaultEntry>();
  private readonly counters = new Map<string, number>();
  private pattern: RegExp | undefined;

  /** The placeholder for a value, creating one on first sight. */
  placeholderFor(label: string, value: string): string {
    const tag = tagFor(label);
    const vkey = `${tag}\u0000${value}`;
    const existing = this.byValue.get(vkey);
    if (existing) return existing.placeholder;
    const n = (this.counters.get(tag) ?? 0) + 1;
    this.counters.set(tag, n);
    const entry: VaultEntry = { placeholder: `[${tag}_${n}]`, label, value };
    this.byValue.set(vkey, entry);
    this.byKey.set(keyOf(tag, String(n)), entry);
    this.pattern = undefined;
    return entry.placeholder;
  }

  /** The original behind a placeholder, in any of the tolerated spellings. */
  lookup(placeholder: string): string | undefined {
    const re = this.currentPattern();
    if (!re) return undefined;
    re.lastIndex = 0;
    const m = re.exec(placeholder.trim());
    re.lastIndex = 0;
    return m ? this.byKey.get(keyOf(m[2]!, m[3]!))?.value : undefined;
  }

  entries(): VaultEntry[] {
    return [...this.byValue.values()].map((e) => ({ ...e }));
  }

  get size(): number {
    return this.byValue.size;
  }

  /** Replaces every placeholder of this vault in `text` with its original; unknown ones stay. */
  deanonymize(text: string): string {
    const re = this.currentPattern();
    if (!re) return text;
    return text.replace(
      re,
      (whole: string, open: string | undefined, tag: string, n: string, close: string | undefined) => {
        const entry = this.byKey.get(keyOf(tag, n));
        if (!entry) return whole;
        // Brackets are dropped only as a pair; a lone one belongs to the surrounding prose.
        const paired = open !== undefined && close !== undefined && PAIRS[open.trim()] === close.trim();
        if (paired) return entry.value;
        return (open ?? "") + entry.value + (close ?? "");
      },
    );
  }

  clear(): void {
    this.byValue.clear();
    this.byKey.clear();
    this.counters.clear();
    this.pattern = undefined;
  }

  private currentPattern(): RegExp | undefined {
    if (this.counters.size === 0) return undefined;
    this.pattern ??= placeholderPattern([...this.counters.keys()]);
    return this.pattern;
  }
}
