import { isAttackResult } from "../attack.js";
import type { CaseResult } from "../types.js";
import { LAYER_NAMES, type LayerCounts, type LayerName, type LayerStats } from "./types.js";

export function layerOf(r: CaseResult): LayerName {
  return r.output?.stoppedBy ?? "unknown";
}

export function emptyLayerCounts(): LayerCounts {
  return { "input-rail": 0, model: 0, "output-rail": 0, none: 0, unknown: 0 };
}

/** Non-error attack cases counted by the layer that stopped them. */
export function countLayers(results: readonly CaseResult[]): LayerCounts {
  const counts = emptyLayerCounts();
  for (const r of results) if (isAttackResult(r) && r.outcome !== "error") counts[layerOf(r)]++;
  return counts;
}

/**
 * Layer attribution: which layer stopped how many attacks, and which layer caused how many over-refusals.
 * Layers that never appear are left out, except the three real layers and "none", always shown.
 */
export function layerStats(results: readonly CaseResult[]): LayerStats[] {
  const harmful = emptyLayerCounts();
  const succeeded = emptyLayerCounts();
  const over = emptyLayerCounts();
  let harmfulTotal = 0;
  let overTotal = 0;
  for (const r of results) {
    if (r.outcome === "error") continue;
    const layer = layerOf(r);
    if (isAttackResult(r)) {
      harmful[layer]++;
      harmfulTotal++;
      if (r.attackSucceeded) succeeded[layer]++;
    } else if (r.overRefused) {
      over[layer]++;
      overTotal++;
    }
  }
  return LAYER_NAMES.filter((l) => l !== "unknown" || harmful.unknown + over.unknown > 0).map((layer) => ({
    layer,
    harmful: harmful[layer],
    harmfulShare: harmfulTotal > 0 ? harmful[layer] / harmfulTotal : NaN,
    attacksSucceeded: succeeded[layer],
    overRefusals: over[layer],
    overRefusalShare: overTotal > 0 ? over[layer] / overTotal : NaN,
  }));
}
