/**
 * One guard check, scored for the threshold sweep: how far its learned-classifier scores reach over the
 * thresholds that decide a stop, and whether it stops regardless of them.
 *
 * The guard's classifier detectors (harm, injection, toxicity, harmful-response) report a finding only
 * at or above their operating threshold, so the decision holds no score below it. The sweep needs those
 * scores too, so the same classifiers are run here again with no threshold, on the same text normalised
 * the same way, with the stage's rules applied as `decide` applies them (transformation exemptions
 * included). Everything else in the decision — deterministic detectors, a size limit, a detector that
 * failed closed — has no threshold to sweep: it is `fixed`.
 */
import { classifierDetector, classifierGate, detectorName } from "../../classifiers/detectors.js";
import { TASKS, type Task } from "../../classifiers/training/types.js";
import type { Detector, Finding } from "../../detectors/types.js";
import type { Guard } from "../../guard/create-guard.js";
import { findTransformation } from "../../guard/transformations.js";
import type { Decision } from "../../guard/types.js";
import { resolveRule } from "../../policy/rules.js";
import type { RuleAction } from "../../policy/schema.js";
import { STAGES, type Stage } from "../../policy/stages.js";
import { normalize } from "../../text/normalize.js";
import type { LayerScores } from "./types.js";

const TASK_OF = new Map<string, Task>(TASKS.map((t) => [detectorName(t), t]));
const unthresholded = new Map<Task, Detector>();

/** True for the learned classifiers whose threshold the sweep varies. */
export function isSweptDetector(name: string): boolean {
  return TASK_OF.has(name);
}

/** True when the guard runs a learned classifier at some stage: else it has no threshold to sweep. */
export function hasSweptClassifier(guard: Guard): boolean {
  return STAGES.some((stage) => guard.detectorsFor(stage).some((d) => TASK_OF.has(d.name)));
}

function rawDetector(task: Task): Detector {
  let d = unthresholded.get(task);
  if (!d) {
    d = classifierDetector(task, { threshold: 0 });
    unthresholded.set(task, d);
  }
  return d;
}

const stops = (action: RuleAction | undefined) => action === "block" || action === "escalate";

function within(inner: [number, number], outer: [number, number]): boolean {
  return inner[0] >= outer[0] && inner[1] <= outer[1];
}

/** The check scored: `fixed` from the decision itself, `ratio` from the classifiers run again unthresholded. */
export function checkScores(guard: Guard, stage: Stage, text: string, decision: Decision): LayerScores {
  const policy = guard.policy;
  const fixed =
    decision.failures.some((f) => f.failedClosed) ||
    decision.reasons.some((f) => !isSweptDetector(f.detector) && stops(decision.ruleActions[f.category]));
  // A text over the size limit was never given to a detector.
  if (decision.findings.some((f) => f.detector === "limits")) return { ratio: 0, fixed };

  const swept = guard.detectorsFor(stage).filter((d) => TASK_OF.has(d.name));
  if (swept.length === 0) return { ratio: 0, fixed };
  const subject = decision.truncated ? text.slice(0, policy.limits.maxChars) : text;
  const normalized = normalize(subject);
  const transformation = stage === "input" ? findTransformation(subject) : undefined;
  let ratio = 0;
  for (const d of swept) {
    const task = TASK_OF.get(d.name)!;
    const gate = classifierGate(task, policy);
    let findings: Finding[];
    try {
      findings = rawDetector(task).detect(normalized, { stage, settings: policy }) as Finding[];
    } catch {
      continue; // the guard's own run recorded the failure, if it failed there too
    }
    for (const f of findings) {
      const rule = resolveRule(policy, f.category, stage);
      if (!stops(rule.action)) continue;
      if (
        transformation &&
        f.span &&
        rule.allowTransformations.includes(transformation.transformation) &&
        within(f.span, transformation.payload)
      )
        continue;
      ratio = Math.max(ratio, f.score / Math.max(gate, rule.threshold));
    }
  }
  return { ratio, fixed };
}

/** Two scores of one side combined: the side stops when any of its checks does. */
export function mergeScores(a: LayerScores, b: LayerScores): LayerScores {
  return { ratio: Math.max(a.ratio, b.ratio), fixed: a.fixed || b.fixed };
}
