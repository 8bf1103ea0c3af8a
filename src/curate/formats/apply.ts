/**
 * Writing repaired turn texts back into a copy of the record: each turn's text is set at its path, and
 * turns that are ranges of one transcript string are spliced in, in one pass over that string.
 */
import type { RecordPath, Turn } from "./types.js";
import { isObject } from "./types.js";

function getAt(root: unknown, path: RecordPath): unknown {
  let v = root;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === "number") v = v[key];
    else if (isObject(v) && typeof key === "string") v = v[key];
    else return undefined;
  }
  return v;
}

function setAt(root: unknown, path: RecordPath, value: string): void {
  let v = root;
  for (let i = 0; i < path.length - 1; i++) v = getAt(v, [path[i]!]);
  const last = path[path.length - 1]!;
  if (Array.isArray(v) && typeof last === "number") v[last] = value;
  else if (isObject(v) && typeof last === "string") v[last] = value;
  else throw new Error(`cannot write at ${path.join(".")}: the record changed shape`);
}

/**
 * A deep copy of `record` with `replacements` (turn index → new text) applied; the record itself is
 * not changed. Without replacements the record is returned as is.
 */
export function applyTurnTexts(
  record: unknown,
  turns: readonly Turn[],
  replacements: ReadonlyMap<number, string>,
) {
  if (replacements.size === 0) return record;
  const copy = structuredClone(record);
  const byPath = new Map<string, number[]>();
  for (const index of replacements.keys()) {
    const key = JSON.stringify(turns[index]!.path);
    const list = byPath.get(key);
    if (list) list.push(index);
    else byPath.set(key, [index]);
  }
  for (const indexes of byPath.values()) {
    const path = turns[indexes[0]!]!.path;
    const ranged = indexes.filter((i) => turns[i]!.range !== undefined);
    if (ranged.length === 0) {
      setAt(copy, path, replacements.get(indexes[0]!)!);
      continue;
    }
    const original = getAt(copy, path);
    if (typeof original !== "string") throw new Error(`cannot write at ${path.join(".")}: not a string`);
    // One pass over the string, ranges in order: linear however many turns change.
    ranged.sort((a, b) => turns[a]!.range![0] - turns[b]!.range![0]);
    const pieces: string[] = [];
    let pos = 0;
    for (const i of ranged) {
      const [start, end] = turns[i]!.range!;
      pieces.push(original.slice(pos, start), replacements.get(i)!);
      pos = end;
    }
    pieces.push(original.slice(pos));
    setAt(copy, path, pieces.join(""));
  }
  return copy;
}
