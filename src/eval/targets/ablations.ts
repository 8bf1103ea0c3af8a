/**
 * Layer ablations: the stack with every layer, with each rail switched off in turn, and the model alone.
 * Running the same cases through each shows what every layer buys (attack success it removes) and costs
 * (over-refusal and latency it adds).
 */
import type { Guard } from "../../guard/create-guard.js";
import type { Provider } from "../../providers/types.js";
import { providerTarget } from "./provider-target.js";
import type { StackLayers } from "./run-stack.js";
import { stackTarget } from "./stack-target.js";
import type { EvalTarget } from "./types.js";

export interface Ablation {
  /** e.g. "full stack", "without input rail", "model only". */
  layer: string;
  layers: StackLayers | null;
  target: EvalTarget;
}

export const ABLATION_CONFIGS: readonly { layer: string; layers: StackLayers | null }[] = [
  { layer: "full stack", layers: { input: true, retrieval: true, output: true } },
  { layer: "without input rail", layers: { input: false, retrieval: true, output: true } },
  { layer: "without retrieval rail", layers: { input: true, retrieval: false, output: true } },
  { layer: "without output rail", layers: { input: true, retrieval: true, output: false } },
  { layer: "model only", layers: null },
];

export function ablationTargets(options: {
  guard: Guard;
  provider: Provider;
  temperature?: number;
}): Ablation[] {
  const extra = options.temperature !== undefined ? { temperature: options.temperature } : {};
  return ABLATION_CONFIGS.map(({ layer, layers }) => ({
    layer,
    layers,
    target:
      layers === null
        ? providerTarget(options.provider, extra)
        : stackTarget({ guard: options.guard, provider: options.provider, layers, ...extra }),
  }));
}
