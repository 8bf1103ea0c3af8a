/**
 * The five trained classifiers as detectors (cost "model", synchronous). Each scores the normalised
 * text (main view and every payload view, the maximum wins) and reports one finding when the
 * calibrated score reaches the model's operating threshold (chosen at 1% FPR on validation negatives,
 * see cards/<task>.md); the policy's rule threshold then applies on top, as for any finding.
 *
 * Categories:
 * - harm: the hazard category of the harm model's category heads (one-vs-rest over the MLCommons
 *   categories in the training data); the score is the overall harm score.
 * - injection: the category head's choice when the model has one; otherwise by stage: "jailbreak" for
 *   user input (an attempt to talk the model out of its rules), "prompt-injection" for retrieved
 *   documents and tool results (instructions smuggled in by a third party).
 * - toxicity: "toxicity".
 * - harmful-response: the harm model's category heads applied to the response text (a response
 *   advances the same hazard its request asked for); the score is the harmful-response score.
 * - refusal: "refusal", a judge signal (did the model refuse?) for evaluation, not a hazard; a stock
 *   refusal phrase at the head of the response scores it at least PHRASE_SCORE (phrases/). It is
 *   registered with no default stages: a policy's `defaults` rule would otherwise act on it (the
 *   built-in strict policy escalates unknown categories), so it runs only where asked for explicitly.
 */
import type { Detector, DetectorContext, Finding } from "../detectors/types.js";
import type { DetectorSettings } from "../policy/detector-settings.js";
import type { Stage } from "../policy/stages.js";
import { BUILTIN_CATEGORIES } from "../policy/taxonomy.js";
import type { GuardText } from "../text/types.js";
import { topCategory, type OperatingPoint } from "./model/classifier.js";
import { thresholdForFpr } from "./model/operating-point.js";
import { phraseView, taskPhrases, withPhrase } from "./phrases/task-phrases.js";
import { getClassifier, type LoadedClassifier } from "./model/load.js";
import { scoreText, viewFeatures } from "./model/score-text.js";
import { TASKS, type Task } from "./training/types.js";

export const HAZARD_CATEGORIES: readonly string[] = BUILTIN_CATEGORIES.filter((c) => c.mlcommons).map(
  (c) => c.id,
);

export interface ClassifierDetectorOptions {
  /**
   * Report a finding at or above this calibrated score. Default: the policy's
   * `classifiers.<task>.threshold`, else the model's operating threshold.
   */
  threshold?: number;
  /** Stages to run at (default per task, see DEFAULT_STAGES). */
  stages?: readonly Stage[];
  /** Load from this loader instead of the committed weights (tests, custom models). */
  load?: (task: Task) => LoadedClassifier;
}

export const DEFAULT_STAGES: Record<Task, readonly Stage[]> = {
  harm: ["input"],
  injection: ["input", "retrieval", "toolResult"],
  toxicity: ["input", "output"],
  "harmful-response": ["output"],
  refusal: [],
};

const CATEGORIES: Record<Task, readonly string[]> = {
  harm: HAZARD_CATEGORIES,
  injection: ["jailbreak", "prompt-injection"],
  toxicity: ["toxicity"],
  "harmful-response": HAZARD_CATEGORIES,
  refusal: ["refusal"],
};

/** Best-guess hazard when a model has no category heads (the broadest MLCommons category). */
const FALLBACK_HAZARD = "non-violent-crimes";

export function detectorName(task: Task): string {
  return `${task}-classifier`;
}

/** The task of a classifier detector's name (`injection-classifier` → `injection`), else undefined. */
export function classifierTask(detector: string): Task | undefined {
  return TASKS.find((t) => detectorName(t) === detector);
}

/**
 * The score at which a classifier reports a finding under `settings`: the policy's
 * `classifiers.<task>.threshold` when set, else the threshold its `fpr` names (from the model's table),
 * else the model's operating threshold.
 */
export function classifierGate(
  task: Task,
  settings: DetectorSettings,
  model: { operatingPoint: OperatingPoint } = getClassifier(task).model,
): number {
  const own = settings.classifiers[task];
  if (own.threshold !== undefined) return own.threshold;
  if (own.fpr !== undefined) return thresholdForFpr(model.operatingPoint.byFpr, own.fpr, task);
  return model.operatingPoint.threshold;
}

export function classifierDetector(task: Task, options: ClassifierDetectorOptions = {}): Detector {
  const load = options.load ?? ((t: Task) => getClassifier(t));
  const name = detectorName(task);
  const phrases = taskPhrases(task);
  return {
    name,
    stages: options.stages ?? DEFAULT_STAGES[task],
    cost: "model",
    categories: CATEGORIES[task],
    detect(text: GuardText, ctx: DetectorContext): Finding[] {
      const c = load(task);
      const views = viewFeatures(text, c.featurizer);
      const scored = scoreText(c.model, views);
      const { best } = scored;
      // A stock phrase of the task (a refusal's "I'm sorry, but I can't…") lifts the score to PHRASE_SCORE.
      const pview = phrases ? phraseView(text) : null;
      const phrase = pview ? phrases!.find(pview.text) : null;
      const score = withPhrase(scored.score, phrase !== null);
      const byPhrase = phrase !== null && score > scored.score;
      const threshold = options.threshold ?? classifierGate(task, ctx.settings, c.model);
      if (!(score >= threshold)) return [];
      let category: string;
      let evidence = byPhrase
        ? `${phrases!.name} "${pview!.text.slice(phrase[0], phrase[1])}" (${task} classifier score ${scored.score.toFixed(3)}, threshold ${threshold.toFixed(3)})`
        : `${task} classifier score ${score.toFixed(3)} (threshold ${threshold.toFixed(3)})`;
      if (task === "harm" || task === "harmful-response") {
        // The harm model's category heads name the hazard, for requests and responses alike.
        const harm = task === "harm" ? c : load("harm");
        const harmViews = harm === c ? views : viewFeatures(text, harm.featurizer);
        const guess = topCategory(harm.model, (harmViews[views.indexOf(best)] ?? harmViews[0]!).features);
        category = guess && HAZARD_CATEGORIES.includes(guess.category) ? guess.category : FALLBACK_HAZARD;
        if (guess) evidence += `; category ${guess.category} p=${guess.probability.toFixed(2)}`;
      } else if (task === "injection") {
        const guess = topCategory(c.model, best.features);
        category =
          guess && CATEGORIES.injection.includes(guess.category)
            ? guess.category
            : ctx.stage === "input"
              ? "jailbreak"
              : "prompt-injection";
      } else {
        category = CATEGORIES[task][0]!;
      }
      const finding: Finding = {
        detector: name,
        category,
        score,
        view: byPhrase || best.view === "text" ? "normalized" : best.view,
        evidence,
      };
      if (byPhrase) finding.span = pview!.toRaw(phrase);
      else if (best.span) finding.span = [best.span[0], best.span[1]];
      return [finding];
    },
  };
}

/** The five classifier detectors, for detectors/builtin.ts. */
export function classifierDetectors(
  options: Omit<ClassifierDetectorOptions, "stages" | "threshold"> = {},
): Detector[] {
  return TASKS.map((t) => classifierDetector(t, options));
}

/** Loads every classifier now (the first detect() would otherwise pay the load). */
export function warmClassifiers(): void {
  for (const t of TASKS) getClassifier(t);
}
