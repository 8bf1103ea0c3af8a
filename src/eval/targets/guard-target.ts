/**
 * The guard alone: the input rail over the prompt (and the retrieval rail over context documents, where
 * a dropped document stops the case: no model answers without it here). A case that gets through has
 * no model answer, unless a recorded response exists for it — then the output rail runs on that
 * recording, which is how output-side checks (leaks, redaction, exfiltration) are measured without a
 * model.
 */
import type { Guard } from "../../guard/create-guard.js";
import type { ChatResponse } from "../../providers/types.js";
import type { EvalCase } from "../types.js";
import { ALL_LAYERS, runStack, type StackLayers } from "./run-stack.js";
import type { EvalTarget, StackOutput } from "./types.js";

/** A recorded model response for a case, if there is one. */
export type RecordedResponses = (c: EvalCase) => ChatResponse | undefined | Promise<ChatResponse | undefined>;

export interface GuardTargetOptions {
  guard: Guard;
  recorded?: RecordedResponses;
  /** A label for the recordings in the target name, e.g. "builtin-recordings". */
  recordedLabel?: string;
  layers?: StackLayers;
  name?: string;
  knownCanaries?: boolean;
  /** Record the guard's scores for the threshold sweep (see StackRunOptions.trace); off by default. */
  trace?: boolean;
}

export function guardTarget(options: GuardTargetOptions): EvalTarget {
  const recorded = options.recorded;
  const label = `${options.guard.policy.name}@${options.guard.policyVersion}`;
  return {
    name: options.name ?? `guard(${label})${options.recordedLabel ? `+${options.recordedLabel}` : ""}`,
    kind: "guard",
    run(c: EvalCase, signal?: AbortSignal): Promise<StackOutput> {
      return runStack(c, {
        guard: options.guard,
        layers: options.layers ?? ALL_LAYERS,
        droppedDocumentStops: true,
        ...(options.knownCanaries !== undefined ? { knownCanaries: options.knownCanaries } : {}),
        ...(options.trace ? { trace: true } : {}),
        ...(signal ? { signal } : {}),
        respond: async (_messages, kase) => (await recorded?.(kase)) ?? null,
      });
    },
  };
}
