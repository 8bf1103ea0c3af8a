/**
 * Obfuscation transforms for robustness evaluation: held-out positives are rewritten the ways attackers
 * hide text, and recall is measured per transform. Translation is not here: multilingual sources
 * (xsafety, the multilingual contrast items) measure it directly.
 */

export const OBFUSCATIONS = ["base64", "leetspeak", "homoglyphs", "tag-smuggling", "zero-width"] as const;
export type Obfuscation = (typeof OBFUSCATIONS)[number];

const LEET: Record<string, string> = { a: "4", e: "3", i: "1", o: "0", s: "5", t: "7" };

/** Latin letters replaced by Cyrillic and Greek look-alikes. */
const HOMOGLYPHS: Record<string, string> = {
  a: "\u0430",
  c: "\u0441",
  e: "\u0435",
  i: "\u0456",
  o: "\u043e",
  p: "\u0440",
  x: "\u0445",
  y: "\u0443",
  A: "\u0391",
  B: "\u0392",
  E: "\u0395",
  H: "\u0397",
  K: "\u039a",
  M: "\u039c",
  O: "\u039f",
  T: "\u03a4",
};

function mapLetters(text: string, table: Record<string, string>): string {
  let out = "";
  for (const ch of text) out += Object.hasOwn(table, ch) ? table[ch]! : ch;
  return out;
}

/** Printable ASCII spelled in Unicode tag characters (U+E0020..U+E007E); other characters are dropped. */
export function toTagCharacters(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) out += String.fromCodePoint(0xe0000 + c);
  }
  return out;
}

export function obfuscate(text: string, how: Obfuscation): string {
  switch (how) {
    case "base64":
      return Buffer.from(text, "utf8").toString("base64");
    case "leetspeak":
      return text.replace(/[aeiost]/g, (ch) => LEET[ch]!);
    case "homoglyphs":
      return mapLetters(text, HOMOGLYPHS);
    case "tag-smuggling":
      // A harmless visible line carrying the request in invisible tag characters.
      return `Hello! ${toTagCharacters(text)}`;
    case "zero-width":
      return Array.from(text).join("\u200b");
  }
}

/** The regexes this module uses (checked for linear time by the global ReDoS test). */
export const PATTERNS: readonly RegExp[] = [/[aeiost]/g];
