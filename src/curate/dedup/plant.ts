/**
 * Planted near duplicates, for measuring and testing deduplication: a copy of a text with a few words
 * edited (replaced, deleted or inserted: one in 25, or one in 8 for "many-words"), its sentences reordered, or its spacing, case and punctuation
 * changed — the ways copies drift in scraped and generated training data. Seeded, so a measurement can
 * be repeated exactly.
 */

export type Edit = "words" | "many-words" | "reorder" | "whitespace" | "mixed";
export const EDITS: readonly Edit[] = ["words", "many-words", "reorder", "whitespace", "mixed"];

/** A small seeded generator (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = ["really", "also", "quite", "then", "just", "still", "very", "now"];

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)]!;
}

/** Changes about one word in `every` (at least one): replace with a filler word, delete, or insert one. */
export function editWords(text: string, rnd: () => number, every = 25): string {
  const words = text.split(" ");
  const edits = Math.max(1, Math.round(words.length / every));
  for (let k = 0; k < edits && words.length > 1; k++) {
    const i = Math.floor(rnd() * words.length);
    const op = Math.floor(rnd() * 3);
    if (op === 0) words[i] = pick(FILLER, rnd);
    else if (op === 1) words.splice(i, 1);
    else words.splice(i, 0, pick(FILLER, rnd));
  }
  return words.join(" ");
}

/** Splits into sentences at ". ", "? ", "! " and swaps two of them (a rotation when there are two). */
export function reorderSentences(text: string, rnd: () => number): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if ((c === "." || c === "?" || c === "!") && text[i + 1] === " ") {
      parts.push(text.slice(start, i + 1));
      start = i + 2;
    }
  }
  parts.push(text.slice(start));
  if (parts.length < 2) return editWords(text, rnd);
  const i = Math.floor(rnd() * parts.length);
  let j = Math.floor(rnd() * (parts.length - 1));
  if (j >= i) j++;
  [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  return parts.join(" ");
}

/** Doubles some spaces, adds line breaks, changes case and drops or adds punctuation. */
export function whitespaceNoise(text: string, rnd: () => number): string {
  let out = "";
  for (const ch of text) {
    const r = rnd();
    if (ch === " " && r < 0.1) out += r < 0.05 ? "  " : "\n";
    else if ((ch === "," || ch === ";") && r < 0.5) continue;
    else if (r < 0.03) out += ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    else out += ch;
  }
  return rnd() < 0.5 ? `  ${out}!` : out.toUpperCase();
}

export function plant(text: string, edit: Edit, rnd: () => number): string {
  switch (edit) {
    case "words":
      return editWords(text, rnd);
    case "many-words":
      return editWords(text, rnd, 8);
    case "reorder":
      return reorderSentences(text, rnd);
    case "whitespace":
      return whitespaceNoise(text, rnd);
    case "mixed":
      return whitespaceNoise(reorderSentences(editWords(text, rnd), rnd), rnd);
  }
}
