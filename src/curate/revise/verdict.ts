/**
 * Reads the verdict line of a critique: the first non-empty line, with Markdown emphasis and heading
 * marks ignored, must read "VIOLATION: yes" or "VIOLATION: no" (any case). Anything else is "unclear":
 * the reply is then left as it is, and the audit record says so. A scan, no regular expression.
 */
export type CritiqueVerdict = "yes" | "no" | "unclear";

export function parseVerdict(critique: string): CritiqueVerdict {
  let line = "";
  for (const l of critique.split("\n")) {
    const t = l.trim();
    if (t !== "") {
      line = t;
      break;
    }
  }
  let s = "";
  for (const ch of line.toLowerCase()) if (ch !== "*" && ch !== "#" && ch !== "_" && ch !== "`") s += ch;
  s = s.trim();
  if (!s.startsWith("violation")) return "unclear";
  s = s.slice("violation".length).trimStart();
  if (!s.startsWith(":")) return "unclear";
  s = s.slice(1).trimStart();
  if (s.startsWith("yes")) return "yes";
  if (s.startsWith("no")) return "no";
  return "unclear";
}
