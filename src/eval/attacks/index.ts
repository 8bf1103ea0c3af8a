/** Attack strategies: static rewrites of seed cases, and adaptive attacks run against a live target. */
export {
  STRATEGIES,
  STRATEGY_NAMES,
  applyStrategies,
  applyStrategiesAsync,
  resolveStrategy,
} from "./apply.js";
export type { ApplyOptions } from "./apply.js";
export {
  ADAPTIVE_ATTACKS,
  ADAPTIVE_ATTACK_NAMES,
  adaptiveAttack,
  runAdaptiveAttack,
  crescendoAttack,
  pairAttack,
  looksLikeRefusal,
  DEFAULT_REFUSAL_PHRASES,
} from "./adaptive/index.js";
export { translatorFromProvider, DEFAULT_TRANSLATION_LANGUAGES } from "./translation.js";
export type { TranslatorOptions } from "./translation.js";
export { toPastTense } from "./past-tense.js";
export { toBase64, toHex, rot13 } from "./encodings.js";
export { leetspeak, homoglyphs, toTagCharacters, insertZeroWidth } from "./obfuscation.js";
export { splitPayload } from "./payload-splitting.js";
export { fabricatedDialogue, FABRICATED_TURNS } from "./dialogue.js";
export { probeOf } from "./probe.js";
export type {
  AttackStrategy,
  ProviderStrategy,
  StrategyServices,
  Translate,
  Rng,
  AdaptiveAttack,
  AdaptiveAttempt,
  AdaptiveOptions,
  AdaptiveResult,
  JudgeFn,
  TargetFn,
} from "./types.js";
