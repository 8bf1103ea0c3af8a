/**
 * Rule resolution: the rule in force for a category at a stage. Each field is taken from the most
 * specific place that sets it: rules.<category>.stages.<stage>, then rules.<category>, then
 * `defaults` (action, threshold) or the policy-wide `safeReply`; transformations default to none.
 */
import type { Policy, ResolvedRule } from "./schema.js";
import { STAGES, type Stage } from "./stages.js";
import { BUILTIN_CATEGORIES, type CategoryInfo } from "./taxonomy.js";

export function resolveRule(policy: Policy, category: string, stage: Stage): ResolvedRule {
  const rule = Object.hasOwn(policy.rules, category) ? policy.rules[category] : undefined;
  const atStage = rule?.stages?.[stage];
  return {
    category,
    action: atStage?.action ?? rule?.action ?? policy.defaults.action,
    threshold: atStage?.threshold ?? rule?.threshold ?? policy.defaults.threshold,
    safeReply: atStage?.safeReply ?? rule?.safeReply ?? policy.safeReply,
    allowTransformations: [...(atStage?.allowTransformations ?? rule?.allowTransformations ?? [])],
  };
}

export interface PolicyCategory extends CategoryInfo {
  /** False for categories the policy declares under `categories:`. */
  builtin: boolean;
}

/** Every category the policy knows: the built-in taxonomy, then the policy's own. */
export function categoriesOf(policy: Policy): PolicyCategory[] {
  return [
    ...BUILTIN_CATEGORIES.map((c) => ({ ...c, builtin: true })),
    ...policy.categories.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      builtin: false,
    })),
  ];
}

/** Every category's resolved rule at every stage (what `explain` prints, and a lookup for hot paths). */
export function ruleTable(policy: Policy): Map<string, Record<Stage, ResolvedRule>> {
  const table = new Map<string, Record<Stage, ResolvedRule>>();
  for (const c of categoriesOf(policy)) {
    const row = {} as Record<Stage, ResolvedRule>;
    for (const stage of STAGES) row[stage] = resolveRule(policy, c.id, stage);
    table.set(c.id, row);
  }
  return table;
}
