/**
 * `extends:` merging. Layers are merged as raw YAML values, before validation:
 *   - mappings merge key by key, recursively;
 *   - lists and scalars of the child replace the base's whole (a child's `detectors.disabled: [x]`
 *     is the complete list, not an addition to the base's).
 * Alongside the value, an origin tree records which layer each part came from, so a validation
 * problem in the merged value points at the file and line that set it.
 */
import type { PathSegment } from "./problems.js";

export interface Origin {
  /** Index of the layer that set this value (or, for a merged mapping, the last one that touched it). */
  layer: number;
  children?: Map<string, Origin>;
}

export interface Tracked {
  value: unknown;
  origin: Origin;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Assignment that treats "__proto__" as an ordinary key (YAML may contain any key). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Tags every part of a layer's value with the layer index. */
export function track(value: unknown, layer: number): Tracked {
  return { value, origin: originOf(value, layer) };
}

function originOf(value: unknown, layer: number): Origin {
  if (Array.isArray(value)) {
    return { layer, children: new Map(value.map((v: unknown, i) => [String(i), originOf(v, layer)])) };
  }
  if (isPlainObject(value)) {
    return { layer, children: new Map(Object.entries(value).map(([k, v]) => [k, originOf(v, layer)])) };
  }
  return { layer };
}

/** Child over base. Neither input is modified. */
export function mergeTracked(base: Tracked, child: Tracked): Tracked {
  if (!isPlainObject(base.value) || !isPlainObject(child.value)) return child;
  const value: Record<string, unknown> = {};
  const children = new Map<string, Origin>();
  for (const [k, v] of Object.entries(base.value)) {
    put(value, k, v);
    const o = base.origin.children?.get(k);
    if (o) children.set(k, o);
  }
  for (const [k, v] of Object.entries(child.value)) {
    const childOrigin = child.origin.children?.get(k) ?? { layer: child.origin.layer };
    const baseOrigin = children.get(k);
    if (Object.hasOwn(value, k) && baseOrigin) {
      const merged = mergeTracked({ value: value[k], origin: baseOrigin }, { value: v, origin: childOrigin });
      put(value, k, merged.value);
      children.set(k, merged.origin);
    } else {
      put(value, k, v);
      children.set(k, childOrigin);
    }
  }
  return { value, origin: { layer: child.origin.layer, children } };
}

/** The layer that set `path` (or its deepest existing ancestor). */
export function layerOf(origin: Origin, path: readonly PathSegment[]): number {
  let node = origin;
  for (const seg of path) {
    const next = node.children?.get(String(seg));
    if (!next) break;
    node = next;
  }
  return node.layer;
}
