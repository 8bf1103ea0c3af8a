/**
 * The strategy registry and crossing cases with strategies. A strategy name may carry an argument after
 * a colon ("many-shot:64", "translation:sw+bn"). Every variant is drawn from its own seeded stream
 * (rng.ts), so the output is the same for the same cases, names and seed.
 */
import { didYouMean } from "../../policy/suggest.js";
import type { EvalCase } from "../types.js";
import { ADAPTIVE_ATTACK_NAMES } from "./adaptive/names.js";
import { fewShotStrategy, manyShotStrategy } from "./dialogue.js";
import { base64Strategy, hexStrategy, rot13Strategy } from "./encodings.js";
import {
  homoglyphsStrategy,
  leetspeakStrategy,
  tagSmugglingStrategy,
  zeroWidthStrategy,
} from "./obfuscation.js";
import { pastTenseStrategy } from "./past-tense.js";
import { payloadSplittingStrategy } from "./payload-splitting.js";
import { rngFor } from "./rng.js";
import {
  danStrategy,
  prefixInjectionStrategy,
  refusalSuppressionStrategy,
  rolePlayStrategy,
} from "./templates.js";
import { translationStrategyDefault } from "./translation.js";
import type { AttackStrategy, ProviderStrategy, StrategyServices } from "./types.js";

export const STRATEGIES: readonly AttackStrategy[] = [
  base64Strategy,
  hexStrategy,
  rot13Strategy,
  leetspeakStrategy,
  homoglyphsStrategy,
  tagSmugglingStrategy,
  zeroWidthStrategy,
  payloadSplittingStrategy,
  refusalSuppressionStrategy,
  prefixInjectionStrategy,
  rolePlayStrategy,
  danStrategy,
  fewShotStrategy,
  manyShotStrategy,
  pastTenseStrategy,
  translationStrategyDefault,
];

export const STRATEGY_NAMES: readonly string[] = STRATEGIES.map((s) => s.name);

function isProviderStrategy(s: AttackStrategy): s is ProviderStrategy {
  return s.requiresProvider === true && typeof (s as ProviderStrategy).applyAsync === "function";
}

/** The strategy a name (with an optional ":argument") stands for; a clear error for anything else. */
export function resolveStrategy(name: string): AttackStrategy {
  const trimmed = name.trim();
  const colon = trimmed.indexOf(":");
  const base = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const strategy = STRATEGIES.find((s) => s.name === base);
  if (strategy === undefined) {
    if (ADAPTIVE_ATTACK_NAMES.includes(base))
      throw new Error(
        `"${base}" is an adaptive attack: it needs an attacker model and talks to the target turn by turn, ` +
          "so it cannot be applied to cases in advance; run it with runAdaptiveAttack (ADAPTIVE_ATTACKS)",
      );
    const hint = didYouMean(base, [...STRATEGY_NAMES, ...ADAPTIVE_ATTACK_NAMES]);
    throw new Error(
      `unknown attack strategy ${JSON.stringify(base)}${hint}; the strategies are: ${STRATEGY_NAMES.join(", ")}`,
    );
  }
  if (colon < 0) return strategy;
  if (strategy.configure === undefined)
    throw new Error(`strategy "${base}" takes no argument (got "${trimmed.slice(colon + 1)}")`);
  return strategy.configure(trimmed.slice(colon + 1));
}

function resolveAll(names: readonly string[]): AttackStrategy[] {
  const seen = new Set<string>();
  const out: AttackStrategy[] = [];
  for (const name of names) {
    if (name.trim() === "") continue;
    const s = resolveStrategy(name);
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    out.push(s);
  }
  return out;
}

export interface ApplyOptions {
  /** The run seed (default 0). */
  seed?: number;
  /** Put each seed case before its variants (default true): the seeds are the baseline. */
  includeSeeds?: boolean;
}

const asList = (v: EvalCase | EvalCase[]): EvalCase[] => (Array.isArray(v) ? v : [v]);

/**
 * Each case followed by its variants, one per strategy (several for strategies that make more, none
 * where a strategy does not apply). Variant ids are `<case id>~<strategy>`; each keeps the case's
 * expectation and `behaviour` and records `strategy`. Strategies that need a model (translation) throw
 * here; use applyStrategiesAsync for them.
 */
export function applyStrategies(
  cases: EvalCase[],
  names: string[],
  seed = 0,
  opts: Omit<ApplyOptions, "seed"> = {},
): EvalCase[] {
  const strategies = resolveAll(names);
  const needsModel = strategies.find((s) => s.requiresProvider === true);
  if (needsModel !== undefined)
    throw new Error(
      `strategy "${needsModel.name}" needs a model (a translate callback); run it through ` +
        "applyStrategiesAsync(cases, names, { translate }) — translatorFromProvider(provider) builds one",
    );
  const out: EvalCase[] = [];
  for (const c of cases) {
    if (opts.includeSeeds !== false) out.push(c);
    for (const s of strategies) out.push(...asList(s.apply(c, rngFor(seed, c.id, s.name))));
  }
  return out;
}

/** applyStrategies for any strategy, including those that call a model (pass `translate`). */
export async function applyStrategiesAsync(
  cases: EvalCase[],
  names: string[],
  opts: ApplyOptions & StrategyServices = {},
): Promise<EvalCase[]> {
  const strategies = resolveAll(names);
  const seed = opts.seed ?? 0;
  const out: EvalCase[] = [];
  for (const c of cases) {
    if (opts.includeSeeds !== false) out.push(c);
    for (const s of strategies) {
      const rng = rngFor(seed, c.id, s.name);
      const made = isProviderStrategy(s) ? await s.applyAsync(c, rng, opts) : s.apply(c, rng);
      out.push(...asList(made));
    }
  }
  return out;
}
