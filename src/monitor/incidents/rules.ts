/**
 * The rules that open incidents, as pure functions from what was seen to what should be opened:
 * severe categories (one event is enough), repeated strikes (a user's blocks in a window), and spikes
 * (a category's last hour against its baseline). The engine feeds them and writes what they return.
 */
import type { IncidentRulesSettingsT } from "../config.js";
import type { AuditEvent } from "../types.js";
import { poissonUpperTail } from "./poisson.js";
import type { IncidentSeverity } from "./types.js";

export interface IncidentCandidate {
  key: string;
  rule: "severe" | "strikes" | "spike";
  title: string;
  severity: IncidentSeverity;
  details: Record<string, unknown>;
  eventIds: string[];
}

function subjectOf(e: AuditEvent): { key: string; words: string } {
  if (e.userId !== undefined) return { key: `user:${e.userId}`, words: `user ${e.userId}` };
  if (e.sessionId !== undefined) return { key: `session:${e.sessionId}`, words: `session ${e.sessionId}` };
  return { key: `event:${e.id}`, words: "an anonymous request" };
}

/** One candidate per (category, user or session) among events with a severe category at its score. */
export function severeCandidates(
  events: readonly AuditEvent[],
  severe: IncidentRulesSettingsT["severe"],
): IncidentCandidate[] {
  const byKey = new Map<string, IncidentCandidate>();
  for (const e of events) {
    for (const rule of severe) {
      const score = e.categories[rule.category];
      if (score === undefined || score < rule.minScore) continue;
      const who = subjectOf(e);
      const key = `severe:${rule.category}:${who.key}`;
      let c = byKey.get(key);
      if (!c) {
        c = {
          key,
          rule: "severe",
          title: `${rule.category} from ${who.words}`,
          severity: "critical",
          details: {
            category: rule.category,
            minScore: rule.minScore,
            maxScore: score,
            ...(e.userId !== undefined ? { userId: e.userId } : {}),
            ...(e.sessionId !== undefined ? { sessionId: e.sessionId } : {}),
          },
          eventIds: [],
        };
        byKey.set(key, c);
      }
      c.eventIds.push(e.id);
      if (score > (c.details.maxScore as number)) c.details.maxScore = score;
    }
  }
  return [...byKey.values()];
}

/** Users with at least one blocked decision among `events`, with the time of their latest block. */
export function blockedUsers(
  events: readonly AuditEvent[],
): Map<string, { latest: number; eventIds: string[] }> {
  const out = new Map<string, { latest: number; eventIds: string[] }>();
  for (const e of events) {
    if (e.action !== "block" || e.userId === undefined) continue;
    const u = out.get(e.userId) ?? { latest: 0, eventIds: [] };
    u.latest = Math.max(u.latest, e.time);
    u.eventIds.push(e.id);
    out.set(e.userId, u);
  }
  return out;
}

export function strikesCandidate(
  userId: string,
  blocks: number,
  eventIds: string[],
  settings: IncidentRulesSettingsT["strikes"],
): IncidentCandidate | undefined {
  if (!settings.enabled || blocks < settings.blocks) return undefined;
  return {
    key: `strikes:user:${userId}`,
    rule: "strikes",
    title: `user ${userId} blocked ${blocks} times in ${settings.windowMinutes} min`,
    severity: "medium",
    details: { userId, blocks, windowMinutes: settings.windowMinutes, threshold: settings.blocks },
    eventIds,
  };
}

export interface SpikeInput {
  category: string;
  /** Events with the category among their reasons in the last hour. */
  lastHour: number;
  /** The same count over the baseline window. */
  baselineCount: number;
  /** Hours the baseline window covers (history may be shorter than baselineDays). */
  baselineHours: number;
}

export interface SpikeVerdict extends SpikeInput {
  baselinePerHour: number;
  pValue: number;
  spike: boolean;
}

/**
 * Is the last hour a spike? H0: the hourly count is Poisson with the baseline's mean rate. A spike
 * needs p < alpha (one-sided exact test), at least minCount events, and at least minRatio × the rate.
 */
export function judgeSpike(s: SpikeInput, settings: IncidentRulesSettingsT["spike"]): SpikeVerdict {
  const baselinePerHour = s.baselineHours > 0 ? s.baselineCount / s.baselineHours : 0;
  const pValue = poissonUpperTail(s.lastHour, baselinePerHour);
  const spike =
    settings.enabled &&
    s.baselineHours >= settings.minBaselineHours &&
    s.lastHour >= settings.minCount &&
    s.lastHour >= settings.minRatio * baselinePerHour &&
    pValue < settings.alpha;
  return { ...s, baselinePerHour, pValue, spike };
}

export function spikeCandidate(v: SpikeVerdict, eventIds: string[]): IncidentCandidate {
  return {
    key: `spike:${v.category}`,
    rule: "spike",
    title: `spike in ${v.category}: ${v.lastHour} in the last hour against ${v.baselinePerHour.toFixed(2)}/h`,
    severity: "high",
    details: {
      category: v.category,
      lastHour: v.lastHour,
      baselinePerHour: v.baselinePerHour,
      baselineHours: v.baselineHours,
      pValue: v.pValue,
      test: "one-sided exact Poisson (last hour vs trailing mean hourly count)",
    },
    eventIds,
  };
}
