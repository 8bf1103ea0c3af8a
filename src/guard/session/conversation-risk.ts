/**
 * Conversation risk: catches a crescendo — a conversation that edges toward a hazard in turns that
 * each stay under the single-turn threshold — by accumulating the input findings over turns.
 *
 * Why a decayed sum over a window, and not a maximum: a maximum over turns never exceeds the largest
 * single-turn score, so by construction it cannot catch a sequence of below-threshold turns. A plain
 * sum over the whole conversation would, but it also flags any long conversation that brushes a topic
 * now and then. The decayed sum weights recent turns (`decay` per turn of age), the `window` drops
 * old turns entirely (and bounds the state), and the `floor` ignores everyday noise.
 *
 * Units: a finding contributes its score as a fraction of its category's input-rule threshold,
 * capped at 1 — so 1.0 means "one turn at the single-turn threshold", and `riskThreshold: 2` reads
 * "the weight of two at-threshold turns". This keeps one setting meaningful across categories and
 * policies with different thresholds. Only categories whose input rule blocks or escalates count;
 * redacted data (personal data, secrets) is not a risk signal. Risk is kept per category: a crescendo
 * pushes one topic, and unrelated low scores in different categories do not add up.
 *
 * The rule fires on a turn that adds to a category whose risk reaches `riskThreshold`; a turn that
 * adds nothing is never held for what came before it.
 */
import type { Finding } from "../../detectors/types.js";
import { resolveRule } from "../../policy/rules.js";
import type { Policy, SessionSettingsT } from "../../policy/schema.js";

/** The serialisable history: the last `window` turns, oldest first, each category -> contribution. */
export interface ConversationRiskState {
  turns: Array<Record<string, number>>;
}

export interface CategoryRisk {
  category: string;
  /** The decayed sum, in units of the category's input threshold. */
  risk: number;
  /** This category's contribution in each turn of the window, oldest first (0 when absent). */
  contributions: number[];
}

export interface RiskAssessment {
  /** The highest category risk (0 when nothing has accumulated). */
  risk: number;
  /** The category with that risk. */
  category?: string;
  /** True when this turn added to a category whose risk reached the threshold. */
  triggered: boolean;
  threshold: number;
  /** What the rule does when triggered. */
  action: "escalate" | "block";
  /** Every category with risk above zero, highest first. */
  categories: CategoryRisk[];
  /** What this turn added, per category. */
  turn: Record<string, number>;
}

export class ConversationRisk {
  readonly settings: SessionSettingsT;
  private readonly policy: Policy;
  private readonly thresholds = new Map<string, number | null>();

  constructor(policy: Policy) {
    this.policy = policy;
    this.settings = policy.session;
  }

  /** The input threshold of a category whose input rule blocks or escalates; null when it does not count. */
  private thresholdFor(category: string): number | null {
    let t = this.thresholds.get(category);
    if (t === undefined) {
      const rule = resolveRule(this.policy, category, "input");
      t = rule.action === "block" || rule.action === "escalate" ? rule.threshold : null;
      this.thresholds.set(category, t);
    }
    return t;
  }

  /** One turn's contribution per category: the strongest finding's score over its threshold, capped at 1. */
  contributions(findings: readonly Finding[]): Record<string, number> {
    // No prototype: a detector's category string is data, whatever it spells.
    const out = Object.create(null) as Record<string, number>;
    for (const f of findings) {
      const threshold = this.thresholdFor(f.category);
      if (threshold === null) continue;
      const ratio = threshold <= 0 ? 1 : Math.min(1, f.score / threshold);
      if (!(ratio >= this.settings.floor) || ratio <= 0) continue;
      if (ratio > (out[f.category] ?? 0)) out[f.category] = ratio;
    }
    return out;
  }

  /** Adds a turn's input findings to the history and assesses the conversation. Mutates `state`. */
  observe(state: ConversationRiskState, findings: readonly Finding[]): RiskAssessment {
    const turn = this.contributions(findings);
    state.turns.push(turn);
    if (state.turns.length > this.settings.window)
      state.turns.splice(0, state.turns.length - this.settings.window);
    return this.assess(state);
  }

  /** The conversation's risk now; the last turn of the history is the current one. */
  assess(state: ConversationRiskState): RiskAssessment {
    const { decay, riskThreshold, window, action } = this.settings;
    const turns = state.turns.slice(-window);
    const current = turns[turns.length - 1] ?? {};
    const names = new Set<string>();
    for (const t of turns) for (const c of Object.keys(t)) names.add(c);

    const categories: CategoryRisk[] = [];
    for (const category of names) {
      const contributions = turns.map((t) => (Object.hasOwn(t, category) ? (t[category] ?? 0) : 0));
      let risk = 0;
      let weight = 1;
      for (let i = contributions.length - 1; i >= 0; i--) {
        risk += weight * (contributions[i] ?? 0);
        weight *= decay;
      }
      if (risk > 0) categories.push({ category, risk, contributions });
    }
    categories.sort((a, b) => b.risk - a.risk || a.category.localeCompare(b.category));

    // The top category that this turn added to and that reached the threshold decides.
    const fired = categories.find((c) => c.risk >= riskThreshold && (current[c.category] ?? 0) > 0);
    const top = fired ?? categories[0];
    const assessment: RiskAssessment = {
      risk: top?.risk ?? 0,
      triggered: fired !== undefined,
      threshold: riskThreshold,
      action,
      categories,
      turn: { ...current },
    };
    if (top) assessment.category = top.category;
    return assessment;
  }
}

/** "0.60, 0.70, 0.80, 0.90" — a category's per-turn contributions for a reason's evidence. */
export function formatContributions(c: CategoryRisk): string {
  let first = c.contributions.findIndex((x) => x > 0);
  if (first < 0) first = 0;
  return c.contributions
    .slice(first)
    .map((x) => x.toFixed(2))
    .join(", ");
}
