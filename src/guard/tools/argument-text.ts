/**
 * The text detectors see for a tool call's arguments (or a structured tool result). The JSON is
 * parsed, so escapes such as "\u0072m -rf" are decoded before any detector looks, and flattened to
 * one line per value: `key: value` for an object's field (which gives detectors the field name as
 * context, e.g. "password: ..."), `[i]: value` for an array item, and `key:` alone before a nested
 * object or array. Each key appears once, so the text stays proportional to the JSON.
 *
 * Each string or number value remembers its span in that text, so a redaction found there can be
 * written back into the value and the arguments re-serialised as valid JSON.
 */

export type JsonPath = Array<string | number>;

/** A value's place in the JSON: its key or index under its parent (a linked list, shared by siblings). */
export interface PathNode {
  parent?: PathNode;
  key: string | number;
}

export interface ArgumentLeaf {
  /** Absent for a top-level string or number. */
  at?: PathNode;
  /** The value's span in `text` (half-open). */
  start: number;
  end: number;
  value: string | number;
}

export interface ArgumentText {
  /** The parsed arguments. */
  value: unknown;
  text: string;
  /** String and number values, in text order. */
  leaves: ArgumentLeaf[];
}

export type ParsedArguments = { ok: true; args: ArgumentText } | { ok: false; error: string };

/** Deeper nesting is refused: no tool needs it, and it only serves to exhaust a validator's stack. */
export const MAX_DEPTH = 64;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function pathOf(node: PathNode | undefined): JsonPath {
  const out: JsonPath = [];
  for (let n = node; n; n = n.parent) out.push(n.key);
  return out.reverse();
}

/** `a.b[0].c` */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out;
}

/** Parses tool-call arguments (empty text means no arguments) and builds the detector text. */
export function parseArguments(json: string): ParsedArguments {
  let value: unknown;
  if (json.trim() === "") value = {};
  else {
    try {
      value = JSON.parse(json);
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }
  const leaves: ArgumentLeaf[] = [];
  const lines: string[] = [];
  let length = 0;
  const line = (label: string, valueText: string): number => {
    const prefix = label === "" ? "" : valueText === "" ? `${label}:` : `${label}: `;
    const start = length + prefix.length;
    lines.push(prefix + valueText);
    length = start + valueText.length + 1; // the newline that joins lines
    return start;
  };

  // Iterative depth-first walk in key order; the stack holds values still to visit, next on top.
  const stack: Array<{ at: PathNode | undefined; depth: number; value: unknown }> = [
    { at: undefined, depth: 0, value },
  ];
  while (stack.length > 0) {
    const { at, depth, value: v } = stack.pop()!;
    if (depth >= MAX_DEPTH) return { ok: false, error: `nested deeper than ${MAX_DEPTH} levels` };
    const label = at === undefined ? "" : typeof at.key === "number" ? `[${at.key}]` : at.key;
    if (typeof v === "string" || typeof v === "number") {
      const text = String(v);
      const start = line(label, text);
      const leaf: ArgumentLeaf = { start, end: start + text.length, value: v };
      if (at) leaf.at = at;
      leaves.push(leaf);
    } else if (Array.isArray(v)) {
      if (v.length === 0) line(label, "[]");
      else if (label !== "") line(label, "");
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ at: { parent: at, key: i }, depth: depth + 1, value: v[i] });
    } else if (isRecord(v)) {
      const keys = Object.keys(v);
      if (keys.length === 0) line(label, "{}");
      else if (label !== "") line(label, "");
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        stack.push({ at: { parent: at, key: k }, depth: depth + 1, value: v[k] });
      }
    } else line(label, String(v)); // true, false, null
  }
  return { ok: true, args: { value, text: lines.join("\n"), leaves } };
}

/** The index of the last leaf starting at or before `pos` (leaves are in text order), or -1. */
export function leafAt(leaves: readonly ArgumentLeaf[], pos: number): number {
  let lo = 0;
  let hi = leaves.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (leaves[mid]!.start <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A replacement of part of the detector text, in text offsets. */
export interface TextEdit {
  span: [number, number];
  replacement: string;
}

/**
 * Writes edits (each inside one leaf) back into a copy of the arguments and serialises it. Edits
 * outside every leaf (in a field name) cannot be written back; they are returned as `unplaced`.
 */
export function applyEdits(
  args: ArgumentText,
  edits: readonly TextEdit[],
): { json: string; value: unknown; unplaced: TextEdit[] } {
  const byLeaf = new Map<ArgumentLeaf, TextEdit[]>();
  const unplaced: TextEdit[] = [];
  for (const edit of edits) {
    const leaf = args.leaves[leafAt(args.leaves, edit.span[0])];
    if (!leaf || edit.span[1] > leaf.end) {
      unplaced.push(edit);
      continue;
    }
    const list = byLeaf.get(leaf) ?? [];
    list.push(edit);
    byLeaf.set(leaf, list);
  }
  // A fresh copy of the parsed value (JSON data: structuredClone keeps every own key as it is).
  let root: unknown = structuredClone(args.value);
  for (const [leaf, list] of byLeaf) {
    list.sort((a, b) => a.span[0] - b.span[0]);
    const original = String(leaf.value);
    let out = "";
    let pos = 0;
    for (const e of list) {
      const s = e.span[0] - leaf.start;
      if (s < pos) continue; // overlapping edits: the first wins
      out += original.slice(pos, s) + e.replacement;
      pos = e.span[1] - leaf.start;
    }
    out += original.slice(pos);
    const path = pathOf(leaf.at);
    if (path.length === 0) {
      root = out;
      continue;
    }
    let parent: unknown = root;
    for (const seg of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[seg];
    Object.defineProperty(parent, path[path.length - 1]!, {
      value: out,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { json: JSON.stringify(root), value: root, unplaced };
}
