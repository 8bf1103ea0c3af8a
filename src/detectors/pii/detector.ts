/**
 * The `pii` detector: runs every PII recognizer over the raw view and the views that can reveal
 * hidden personal data (normalised, decoded, tag-smuggled), maps each match back to raw offsets,
 * and keeps one finding per label and place (the highest score) across views. Skeleton and leet
 * views are skipped: they fold case and digits, which corrupts numbers and addresses.
 */
import type { DetectorSettings } from "../../policy/detector-settings.js";
import type { GuardText } from "../../text/types.js";
import { viewLabel } from "../../text/view-label.js";
import type { Detector, DetectorContext, Finding } from "../types.js";
import { ALL_RECOGNIZERS } from "./recognizers/index.js";
import { makeScanInput, type Recognizer } from "./types.js";

type PiiSettingsT = DetectorSettings["pii"];

/** Whether a label is selected by the entities filter ("national-id" selects every national ID). */
export function labelSelected(label: string, entities: readonly string[]): boolean {
  if (entities.length === 0) return true;
  for (const e of entities) {
    if (label === e || (label.startsWith(e) && label[e.length] === ":")) return true;
  }
  return false;
}

const activeCache = new Map<string, readonly Recognizer[]>();

/** The recognizers that can emit at least one selected label (cached by filter). */
function activeRecognizers(entities: readonly string[]): readonly Recognizer[] {
  const key = entities.join("\u0000");
  let list = activeCache.get(key);
  if (!list) {
    list = ALL_RECOGNIZERS.filter((r) => r.labels.some((l) => labelSelected(l, entities)));
    if (activeCache.size > 64) activeCache.clear();
    activeCache.set(key, list);
  }
  return list;
}

/** Runs the recognizers over the scannable views; returns raw-span findings, deduplicated. */
export function detectPii(
  text: GuardText,
  settings: Pick<PiiSettingsT, "entities" | "defaultRegion">,
): Finding[] {
  const recognizers = activeRecognizers(settings.entities);
  const all: Finding[] = [];
  const scanned = new Set<string>();
  for (const view of text.views) {
    if (view.kind === "skeleton" || view.kind === "leet") continue;
    // A view identical to one already scanned (usually normalised == raw) adds nothing.
    if (scanned.has(view.text)) continue;
    scanned.add(view.text);
    const input = makeScanInput(view.text, settings.defaultRegion.toUpperCase());
    const name = viewLabel(view);
    for (const r of recognizers) {
      for (const m of r.find(input)) {
        if (!labelSelected(m.label, settings.entities)) continue;
        const span =
          view.kind === "raw" ? ([m.start, m.end] as [number, number]) : view.toRaw([m.start, m.end]);
        const finding: Finding = {
          detector: "pii",
          category: "pii",
          score: round(m.score),
          label: m.label,
          span,
          view: name,
        };
        finding.evidence = m.reason ? `${m.label}: ${m.reason}` : m.label;
        all.push(finding);
      }
    }
  }
  return resolveAcrossLabels(dedupe(all));
}

/**
 * A given name inside a found street address is part of the street ("Victor Hugo u. 49"), so a
 * person finding that overlaps a street-address finding is dropped.
 */
function resolveAcrossLabels(findings: Finding[]): Finding[] {
  // after dedupe, street-address spans are disjoint; sorted by start they allow a binary search
  const streets = findings
    .filter((f) => f.label === "street-address")
    .sort((a, b) => a.span![0] - b.span![0]);
  if (streets.length === 0) return findings;
  const overlapsStreet = (f: Finding): boolean => {
    let lo = 0;
    let hi = streets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (streets[mid]!.span![0] < f.span![1]) lo = mid + 1;
      else hi = mid;
    }
    // streets[lo - 1] is the last street starting before f ends
    return lo > 0 && streets[lo - 1]!.span![1] > f.span![0];
  };
  return findings.filter((f) => f.label !== "person" || !overlapsStreet(f));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * One finding per label and overlapping raw span: the highest score wins (the wider span on a
 * tie). Sorting then sweeping keeps this O(n log n) however many candidates a long text yields.
 */
export function dedupe(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const sorted = [...findings].sort((a, b) =>
    a.label === b.label ? a.span![0] - b.span![0] : (a.label ?? "") < (b.label ?? "") ? -1 : 1,
  );
  const out: Finding[] = [];
  let best: Finding | undefined;
  let clusterEnd = -1;
  for (const f of sorted) {
    const [s, e] = f.span!;
    if (best && f.label === best.label && s < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, e);
      if (f.score > best.score || (f.score === best.score && e - s > best.span![1] - best.span![0])) best = f;
      continue;
    }
    if (best) out.push(best);
    best = f;
    clusterEnd = e;
  }
  if (best) out.push(best);
  return out.sort((a, b) => a.span![0] - b.span![0] || b.score - a.score);
}

export const piiDetector: Detector = {
  name: "pii",
  stages: ["input", "retrieval", "toolCall", "toolResult", "output"],
  cost: "fast",
  categories: ["pii"],
  detect(text: GuardText, ctx: DetectorContext): Finding[] {
    return detectPii(text, ctx.settings.pii);
  },
};
