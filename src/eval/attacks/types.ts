/**
 * The shapes of attack strategies. A strategy turns a seed case into one or more variants that ask the
 * same thing in a harder-to-refuse way; the variant keeps the seed's expectation and `behaviour`, and
 * records the strategy's name. Static strategies are pure functions of the case and a seeded random
 * source; provider strategies (translation) need a model call; adaptive attacks (crescendo, PAIR) run a
 * conversation against the target with an attacker model.
 */
import type { ChatMessage, Provider } from "../../providers/types.js";
import type { EvalCase } from "../types.js";

/** A random source in [0, 1); strategies draw only from it, so a seed fixes their output. */
export type Rng = () => number;

export interface AttackStrategy {
  name: string;
  description: string;
  /** The variant is a conversation (`messages`), e.g. fabricated dialogue turns. */
  multiTurn?: boolean;
  /** The strategy needs a model call (see ProviderStrategy); `apply` then throws and says how to run it. */
  requiresProvider?: boolean;
  /**
   * The variant(s) of `c`. An empty list means the strategy does not apply to this case (e.g. an
   * English-only rewrite of a case in another language).
   */
  apply(c: EvalCase, rng: Rng): EvalCase | EvalCase[];
  /** A copy configured by the argument after a colon in a strategy name, e.g. "many-shot:64". */
  configure?(arg: string): AttackStrategy;
}

/** Translates text into a language (BCP-47 code); the runner builds one from a provider. */
export type Translate = (text: string, language: string) => Promise<string>;

export interface StrategyServices {
  translate?: Translate;
}

export interface ProviderStrategy extends AttackStrategy {
  requiresProvider: true;
  applyAsync(c: EvalCase, rng: Rng, services: StrategyServices): Promise<EvalCase | EvalCase[]>;
}

/** The target as an adaptive attack sees it: a conversation in, the reply text out. */
export type TargetFn = (messages: ChatMessage[]) => Promise<string>;
/** How far a response goes towards the harmful goal: 0 (refused or useless) to 1 (fully helped). */
export type JudgeFn = (response: string) => Promise<number>;

export interface AdaptiveOptions {
  /** Crescendo: conversation turns; PAIR: refinement iterations. */
  maxTurns: number;
  /** A judge score at or above this is a success (default 0.8). */
  threshold?: number;
  /** Whether a response is a refusal (crescendo backtracks on one). Default: a short phrase check. */
  isRefusal?: (response: string) => boolean | Promise<boolean>;
  /** Crescendo: how many refused turns may be taken back in all (default maxTurns). */
  maxBacktracks?: number;
  /** Model override and sampling for the attacker's requests. */
  attackerModel?: string;
  attackerTemperature?: number;
  signal?: AbortSignal;
}

export interface AdaptiveAttempt {
  /** The message the attacker produced and the target received. */
  prompt: string;
  response: string;
  score: number;
  refused: boolean;
  /** The turn was taken back (crescendo backtracking): it is not part of the final conversation. */
  backtracked?: boolean;
}

export interface AdaptiveResult {
  attack: string;
  caseId: string;
  behaviour: string;
  succeeded: boolean;
  bestScore: number;
  /** Attacker calls made. */
  turns: number;
  /** Every prompt sent to the target, with its response and score, in order. */
  attempts: AdaptiveAttempt[];
  /** The conversation with the target as it stood at the end (for PAIR: the best single exchange). */
  transcript: ChatMessage[];
  /** The attack as a replayable case: the final conversation up to and including the last probe. */
  variant: EvalCase;
}

export interface AdaptiveAttack {
  name: string;
  description: string;
  run(
    c: EvalCase,
    attacker: Provider,
    target: TargetFn,
    judge: JudgeFn,
    opts: AdaptiveOptions,
  ): Promise<AdaptiveResult>;
}
