/** A model alone: the case's messages go straight to the provider. */
import type { Provider } from "../../providers/types.js";
import type { EvalCase } from "../types.js";
import { caseMessages } from "./messages.js";
import { modelStop } from "./model-stop.js";
import type { EvalTarget, StackOutput } from "./types.js";

export interface ProviderTargetOptions {
  /** Default "provider:<provider name>". */
  name?: string;
  kind?: "provider" | "http" | "replay";
  /** Sampling temperature; 0 by default so runs are repeatable where the model allows. */
  temperature?: number;
  maxTokens?: number;
}

export function providerTarget(provider: Provider, options: ProviderTargetOptions = {}): EvalTarget {
  return {
    name: options.name ?? `provider:${provider.name}`,
    kind: options.kind ?? "provider",
    async run(c: EvalCase, signal?: AbortSignal): Promise<StackOutput> {
      const t0 = performance.now();
      const res = await provider.complete({
        messages: caseMessages(c),
        ...(c.tools && c.tools.length > 0 ? { tools: c.tools } : {}),
        temperature: options.temperature ?? 0,
        ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
        ...(signal ? { signal } : {}),
      });
      return {
        text: res.text,
        toolCalls: res.toolCalls,
        stoppedBy: modelStop(res.text, res.finishReason),
        latencyMs: performance.now() - t0,
      };
    },
  };
}
