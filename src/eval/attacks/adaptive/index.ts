/** The adaptive attacks: crescendo and PAIR, each run against a live target with an attacker model. */
import { didYouMean } from "../../../policy/suggest.js";
import type { Provider } from "../../../providers/types.js";
import type { EvalCase } from "../../types.js";
import type { AdaptiveAttack, AdaptiveOptions, AdaptiveResult, JudgeFn, TargetFn } from "../types.js";
import { crescendoAttack } from "./crescendo.js";
import { ADAPTIVE_ATTACK_NAMES } from "./names.js";
import { pairAttack } from "./pair.js";

export const ADAPTIVE_ATTACKS: readonly AdaptiveAttack[] = [crescendoAttack, pairAttack];

export function adaptiveAttack(name: string): AdaptiveAttack {
  const found = ADAPTIVE_ATTACKS.find((a) => a.name === name);
  if (found === undefined)
    throw new Error(
      `unknown adaptive attack ${JSON.stringify(name)}${didYouMean(name, ADAPTIVE_ATTACK_NAMES)}; ` +
        `the adaptive attacks are: ${ADAPTIVE_ATTACK_NAMES.join(", ")}`,
    );
  return found;
}

/** Runs the named adaptive attack on one case. */
export function runAdaptiveAttack(
  name: string,
  c: EvalCase,
  attacker: Provider,
  target: TargetFn,
  judge: JudgeFn,
  opts: AdaptiveOptions,
): Promise<AdaptiveResult> {
  return adaptiveAttack(name).run(c, attacker, target, judge, opts);
}

export { crescendoAttack, pairAttack, ADAPTIVE_ATTACK_NAMES };
export { extractField, looksLikeRefusal, DEFAULT_REFUSAL_PHRASES } from "./attacker.js";
