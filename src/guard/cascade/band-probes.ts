/**
 * Band probes: the trained classifiers report a finding only at their operating threshold (1% FPR), so
 * their uncertain band is invisible in a decision. A probe is a detector registered beside its source
 * that, inside a cascade check, scores the same text (the classifiers cache features on the normalised
 * text, so this costs microseconds), records what it saw in the cascade's slot and reports nothing:
 * registering probes never changes a fast verdict.
 *
 *   const guard = await createGuard({ policy: "strict", detectors: bandProbes() });
 *   const cascaded = withCascade(guard, { judge });
 */
import {
  classifierDetector,
  classifierGate,
  DEFAULT_STAGES,
  detectorName,
} from "../../classifiers/detectors.js";
import { getClassifier, type LoadedClassifier } from "../../classifiers/model/load.js";
import type { Task } from "../../classifiers/training/types.js";
import type { Detector, DetectorContext, Finding } from "../../detectors/types.js";
import type { Stage } from "../../policy/stages.js";
import type { GuardText } from "../../text/types.js";
import { probeSlots } from "./probe-slot.js";

export interface BandProbe extends Detector {
  readonly bandProbe: {
    /** The detector whose band it reports. */
    source: string;
    /** Scores under floor × the source's threshold are not recorded. */
    floor: number;
  };
}

export interface ScoreProbeOptions {
  /** The probe's detector name. */
  name: string;
  /** The detector it probes; the probe scores only at stages where that detector runs. */
  source: string;
  stages: readonly Stage[];
  /** The source's own reporting threshold under the check's settings (read per check, so loading can wait). */
  threshold: (ctx: DetectorContext) => number;
  /** Lowest score recorded, as a fraction of the threshold (default 0.25). */
  floor?: number;
  /** The findings the source would report at `minScore` instead of its threshold. */
  score(text: GuardText, ctx: DetectorContext, minScore: number): Finding[];
}

export function isBandProbe(d: Detector): d is BandProbe {
  return typeof (d as Partial<BandProbe>).bandProbe === "object";
}

/** A probe for any scorer that hides scores under its threshold. */
export function scoreProbe(options: ScoreProbeOptions): BandProbe {
  const floor = options.floor ?? 0.25;
  if (!(floor > 0 && floor <= 1)) throw new RangeError(`band probe floor must be in (0, 1], got ${floor}`);
  return {
    name: options.name,
    stages: options.stages,
    cost: "model",
    // None: a probe reports no findings, and its failure must not fail a check closed.
    categories: [],
    bandProbe: { source: options.source, floor },
    detect(text: GuardText, ctx: DetectorContext): Finding[] {
      const slot = probeSlots.getStore();
      if (!slot || !slot.wanted.has(options.name)) return [];
      const threshold = options.threshold(ctx);
      for (const finding of options.score(text, ctx, floor * threshold))
        slot.records.push({ source: options.source, finding, threshold });
      return [];
    },
  };
}

export interface BandProbeOptions {
  /** Lowest score recorded, as a fraction of the classifier's operating threshold (default 0.25). */
  floor?: number;
  /** Load from this loader instead of the committed weights (tests, custom models). */
  load?: (task: Task) => LoadedClassifier;
}

/** The hazard and attack classifiers (refusal is an evaluation signal, not a hazard). */
export const PROBED_TASKS: readonly Task[] = ["harm", "injection", "toxicity", "harmful-response"];

export function probeName(task: Task): string {
  return `${detectorName(task)}-band`;
}

/** The probe of one built-in classifier: the same scoring and categories, down to floor × its threshold. */
export function classifierBandProbe(task: Task, options: BandProbeOptions = {}): BandProbe {
  const load = options.load ?? ((t: Task) => getClassifier(t));
  // One detector per reporting floor (a policy may move the classifier's threshold, and the floor with it).
  const inner = new Map<number, Detector>();
  return scoreProbe({
    name: probeName(task),
    source: detectorName(task),
    stages: DEFAULT_STAGES[task],
    ...(options.floor !== undefined ? { floor: options.floor } : {}),
    threshold: (ctx) => classifierGate(task, ctx.settings, load(task).model),
    score(text, ctx, minScore) {
      let d = inner.get(minScore);
      if (!d) inner.set(minScore, (d = classifierDetector(task, { threshold: minScore, load })));
      return d.detect(text, ctx) as Finding[];
    },
  });
}

/** One probe per hazard or attack classifier; register them with `createGuard({ detectors })`. */
export function bandProbes(options: BandProbeOptions = {}): BandProbe[] {
  return PROBED_TASKS.map((t) => classifierBandProbe(t, options));
}
