/** The full stack: guard input and retrieval rails → provider → guard output rail. */
import type { Guard } from "../../guard/create-guard.js";
import type { Provider } from "../../providers/types.js";
import type { EvalCase } from "../types.js";
import { ALL_LAYERS, runStack, type StackLayers } from "./run-stack.js";
import type { EvalTarget, StackOutput } from "./types.js";

export interface StackTargetOptions {
  guard: Guard;
  provider: Provider;
  /** Layers to run (all by default); switch one off for an ablation. */
  layers?: StackLayers;
  name?: string;
  temperature?: number;
  maxTokens?: number;
  /** See StackRunOptions.knownCanaries (default true). */
  knownCanaries?: boolean;
  /**
   * Record the guard's scores for the threshold sweep (see StackRunOptions.trace); off by default. A case
   * the input rail stops then costs one model call (cached like any other).
   */
  trace?: boolean;
}

/** "input+retrieval+output", or "no rails". */
export function layersLabel(layers: StackLayers): string {
  const on = (Object.keys(layers) as (keyof StackLayers)[]).filter((k) => layers[k]);
  return on.length === 0 ? "no rails" : on.join("+");
}

export function stackTarget(options: StackTargetOptions): EvalTarget {
  const layers = options.layers ?? ALL_LAYERS;
  const full = layers.input && layers.retrieval && layers.output;
  const guardLabel = `${options.guard.policy.name}@${options.guard.policyVersion}`;
  return {
    name:
      options.name ??
      `stack(${guardLabel}${full ? "" : `; ${layersLabel(layers)}`})+${options.provider.name}`,
    kind: "stack",
    run(c: EvalCase, signal?: AbortSignal): Promise<StackOutput> {
      return runStack(c, {
        guard: options.guard,
        layers,
        ...(options.knownCanaries !== undefined ? { knownCanaries: options.knownCanaries } : {}),
        ...(options.trace ? { trace: true } : {}),
        ...(signal ? { signal } : {}),
        respond: (messages, kase, sig) =>
          options.provider.complete({
            messages,
            ...(kase.tools && kase.tools.length > 0 ? { tools: kase.tools } : {}),
            temperature: options.temperature ?? 0,
            ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
            ...(sig ? { signal: sig } : {}),
          }),
      });
    },
  };
}
