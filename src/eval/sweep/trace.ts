/**
 * Collects the sweep scores of every guard check a case makes, by side (input or output). The rails
 * (tool results, retrieved documents, tool calls) call `guard.check` themselves, so the guard is wrapped
 * once and each check is attributed to the case running it through AsyncLocalStorage; the wrapper
 * returns the guard's decision unchanged.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Guard } from "../../guard/create-guard.js";
import type { CheckContext, Decision } from "../../guard/types.js";
import type { Stage } from "../../policy/stages.js";
import { checkScores, mergeScores } from "./check-scores.js";
import type { LayerScores } from "./types.js";

export type Side = "input" | "output";

/** One case's collected scores; `side` is where checks made now count (null: not swept). */
export interface CaseTrace {
  side: Side | null;
  input: LayerScores;
  output?: LayerScores;
  /** Time spent scoring, kept out of the latency the case reports. */
  overheadMs: number;
}

const current = new AsyncLocalStorage<CaseTrace>();
const wrapped = new WeakMap<Guard, Guard>();

export function newCaseTrace(): CaseTrace {
  return { side: null, input: { ratio: 0, fixed: false }, overheadMs: 0 };
}

/** Adds a side's scores to the trace (the output side starts when its first check is added). */
export function addScores(trace: CaseTrace, side: Side, scores: LayerScores): void {
  if (side === "input") trace.input = mergeScores(trace.input, scores);
  else trace.output = trace.output ? mergeScores(trace.output, scores) : scores;
}

/** The guard with every check scored into the running case's trace (one wrapper per guard). */
export function tracingGuard(guard: Guard): Guard {
  const known = wrapped.get(guard);
  if (known) return known;
  const check = async (stage: Stage, text: string, ctx?: CheckContext): Promise<Decision> => {
    const decision = await guard.check(stage, text, ctx);
    const trace = current.getStore();
    if (trace?.side) {
      const t0 = performance.now();
      addScores(trace, trace.side, checkScores(guard, stage, text, decision));
      trace.overheadMs += performance.now() - t0;
    }
    return decision;
  };
  const traced: Guard = {
    policy: guard.policy,
    policyVersion: guard.policyVersion,
    registry: guard.registry,
    detectorsFor: (stage) => guard.detectorsFor(stage),
    check,
    checkInput: (text, ctx) => check("input", text, ctx),
    checkOutput: (text, ctx) => check("output", text, ctx),
  };
  wrapped.set(guard, traced);
  return traced;
}

/** Runs `fn` with the guard's checks scored into `trace`. */
export function withCaseTrace<T>(trace: CaseTrace, fn: () => Promise<T>): Promise<T> {
  return current.run(trace, fn);
}
