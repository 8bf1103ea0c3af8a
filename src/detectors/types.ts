import type { Stage } from "../policy/stages.js";
import type { DetectorSettings } from "../policy/detector-settings.js";
import type { GuardText, Span } from "../text/types.js";

/** One thing a detector noticed. A detector never decides: the policy maps findings to actions. */
export interface Finding {
  detector: string;
  /** A taxonomy category id (see policy/taxonomy.ts) or a policy-defined one. */
  category: string;
  /** Confidence 0..1. */
  score: number;
  /** Finer type within the category, e.g. "email", "aws-access-key", "reverse-shell". */
  label?: string;
  /** Raw-text span (half-open) the finding covers, when it has one. Redaction uses it. */
  span?: Span;
  /** Which view it was found in, e.g. "raw", "normalized", "decoded:base64". */
  view?: string;
  /** A short, already-safe description; never the full secret. */
  evidence?: string;
}

export interface DetectorContext {
  stage: Stage;
  /** Per-detector settings from the effective policy. */
  settings: DetectorSettings;
  /** The application's system prompt, for leakage checks. */
  systemPrompt?: string;
  /** Canary tokens planted in the context, for leakage checks. */
  canaries?: string[];
  /** Source passages the answer should be grounded in (RAG documents), for groundedness checks. */
  context?: string[];
}

export type DetectorCost = "fast" | "model" | "llm";

export interface Detector {
  name: string;
  /** Stages where the detector runs by default. */
  stages: readonly Stage[];
  cost: DetectorCost;
  /** Categories the detector can emit. */
  categories: readonly string[];
  detect(text: GuardText, ctx: DetectorContext): Finding[] | Promise<Finding[]>;
}
