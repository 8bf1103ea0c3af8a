/**
 * Parses policy YAML keeping the document and a line counter, so any path in the parsed value can
 * be traced back to a line and column of the file.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { Document, Node, Pair, YAMLMap } from "yaml";
import type { PathSegment, PolicyProblem } from "./problems.js";

export interface YamlSource {
  /** The document converted to plain JS values. */
  value: unknown;
  doc: Document;
  lines: LineCounter;
}

export interface Position {
  line: number;
  column: number;
}

/** Aliases expand at most this many times: stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

/** yaml appends " at line L, column C:" and a code excerpt to some messages; we print our own position. */
const POSITION_SUFFIX = / at line \d{1,9}, column \d{1,9}:?$/;

/** Exported so the global ReDoS test can check it. */
export const PATTERNS: readonly RegExp[] = [POSITION_SUFFIX];

function firstLine(message: string): string {
  const line = message.split("\n", 1)[0] ?? message;
  return line.replace(POSITION_SUFFIX, "");
}

/**
 * Parses YAML. Syntax errors and warnings (unresolved tags, duplicate keys...) are all returned as
 * problems with their lines; a policy file is plain configuration, so a warning is an error here.
 */
export function parseYaml(text: string, file: string): { source?: YamlSource; problems: PolicyProblem[] } {
  const lines = new LineCounter();
  // yaml's own duplicate-key check is quadratic in the size of a mapping; ours below is linear.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const problems: PolicyProblem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { path: "", file, line: pos.line, column: pos.col, message: `YAML: ${firstLine(e.message)}` };
  });
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = keyText(pair.key);
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const offset = (pair.key as Node | null)?.range?.[0];
        const pos = offset !== undefined ? lines.linePos(offset) : undefined;
        problems.push({
          path: "",
          file,
          line: pos?.line,
          column: pos?.col,
          message: `YAML: duplicate key "${key}"`,
        });
      }
    },
  });
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { problems };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { problems: [{ path: "", file, message: `YAML: ${(err as Error).message}` }] };
  }
  return { source: { value, doc, lines }, problems };
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Key -> pair index per mapping, built on first lookup, so placing many problems stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) if (!index.has(keyText(pair.key))) index.set(keyText(pair.key), pair);
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/**
 * The position of `path` in the document: the key's position when the path ends at a mapping key,
 * the item's when it ends in a list. A path that does not exist (a missing required field) is
 * placed at the deepest part of it that does.
 */
export function positionOf(source: YamlSource, path: readonly PathSegment[]): Position | undefined {
  let node: unknown = source.doc.contents;
  let at: Node | undefined = isMap(node) || isSeq(node) ? node : undefined;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(source.doc);
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (pair === undefined) break;
      at = isScalar(pair.key) ? pair.key : ((pair.value as Node | null) ?? at);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item: unknown = node.items[seg];
      if (item === undefined || item === null) break;
      at = item as Node;
      node = item;
    } else break;
  }
  const offset = at?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
