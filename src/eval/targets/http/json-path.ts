/**
 * Reads a value out of a JSON response by a dotted path: "choices.0.message.content", also written
 * "$.choices[0].message.content". An empty path is the whole document.
 */

export function parsePath(path: string): string[] {
  let p = path.trim();
  if (p.startsWith("$")) p = p.slice(1);
  const out: string[] = [];
  let cur = "";
  for (const ch of p) {
    if (ch === "." || ch === "[" || ch === "]") {
      if (cur !== "") out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur !== "") out.push(cur);
  return out;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    return `an object with keys ${keys.slice(0, 8).join(", ")}${keys.length > 8 ? ", ..." : ""}`;
  }
  return `a ${typeof v}`;
}

export type PathResult = { ok: true; value: unknown } | { ok: false; error: string };

export function getPath(doc: unknown, path: string): PathResult {
  const parts = parsePath(path);
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i]!;
    const where = i === 0 ? "the response" : `"${parts.slice(0, i).join(".")}"`;
    if (Array.isArray(cur)) {
      const n = Number(key);
      if (!Number.isInteger(n) || n < 0 || n >= cur.length)
        return { ok: false, error: `no "${parts.slice(0, i + 1).join(".")}": ${where} is ${describe(cur)}` };
      cur = cur[n];
    } else if (cur !== null && typeof cur === "object" && Object.hasOwn(cur, key)) {
      cur = (cur as Record<string, unknown>)[key];
    } else {
      return { ok: false, error: `no "${parts.slice(0, i + 1).join(".")}": ${where} is ${describe(cur)}` };
    }
  }
  return { ok: true, value: cur };
}
