/**
 * The leakage detector: canary tokens from the context or the policy, in any disguise, and
 * echoes of the system prompt (runs of minOverlapWords words or more), scored by how much of the
 * prompt is repeated.
 */
import { foldAs } from "../common/view-folds.js";
import type { Detector, Finding } from "../types.js";
import { CATEGORY, scanLeakage, type StringFold } from "./scan.js";

const FOLD: StringFold = (kind, s) => foldAs(kind, s);

export const leakageDetector: Detector = {
  name: "leakage",
  stages: ["output", "toolCall"],
  cost: "fast",
  categories: [CATEGORY],
  detect(text, ctx): Finding[] {
    const settings = ctx.settings.leakage;
    const canaries =
      ctx.canaries && ctx.canaries.length > 0
        ? [...new Set([...ctx.canaries, ...settings.canaries])]
        : settings.canaries;
    if (canaries.length === 0 && !ctx.systemPrompt) return [];
    return scanLeakage(
      text,
      { canaries, systemPrompt: ctx.systemPrompt, minOverlapWords: settings.minOverlapWords },
      FOLD,
    );
  },
};
