/**
 * `classify --label-field`: reads each record's label and, at the end, measures the detector against
 * the labels — what a user runs to see how a detector does on their own labelled data (or a public
 * benchmark): precision, recall, F1 and false-positive rate of the flags, and the threshold-free view of
 * the scores (ROC-AUC, recall at 1, 2 and 5% false positives).
 */
import { binaryMetrics, recallAtFpr, rocAuc, type BinaryMetrics } from "../classifiers/training/metrics.js";

const TRUE_WORDS = new Set(["1", "true", "yes", "y", "positive"]);
const FALSE_WORDS = new Set(["0", "false", "no", "n", "negative"]);

/** The target false-positive rates of the ranking summary. */
export const SUMMARY_FPRS = [0.01, 0.02, 0.05] as const;

/**
 * A label as 1 or 0, or an error string. Without `positives`: 1/0, true/false, yes/no (any case). With
 * `positives` (lower-cased), a string label is 1 when it is one of them and 0 otherwise.
 */
export function parseLabel(value: unknown, positives: ReadonlySet<string> | null): 0 | 1 | string {
  if (value === 1 || value === true) return 1;
  if (value === 0 || value === false) return 0;
  if (typeof value !== "string" && typeof value !== "number")
    return value === undefined ? "no label" : `label ${JSON.stringify(value)} is not a string or number`;
  const word = String(value).trim().toLowerCase();
  if (positives) return positives.has(word) ? 1 : 0;
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  return `label "${String(value)}" is not 1/0, true/false or yes/no: name the positive values with --positive`;
}

/** `--positive a,b`: the values that mean positive, lower-cased. */
export function parsePositives(list: string | undefined): Set<string> | null {
  if (list === undefined) return null;
  const words = list
    .split(",")
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  return words.length > 0 ? new Set(words) : null;
}

/**
 * The flags' confusion counts, precision, recall, F1 and FPR (NaN where undefined, null in JSON), and the
 * scores' ROC-AUC and recall at each of SUMMARY_FPRS.
 */
export type LabelSummary = Omit<BinaryMetrics, "auc" | "recallAt1Fpr"> & {
  auc: number;
  recallAtFpr: { fpr: number; recall: number }[];
};

export class LabelledScores {
  private readonly scores: number[] = [];
  private readonly labels: number[] = [];
  private readonly flags: number[] = [];

  add(score: number, label: 0 | 1, flagged: boolean): void {
    this.scores.push(score);
    this.labels.push(label);
    this.flags.push(flagged ? 1 : 0);
  }

  get size(): number {
    return this.scores.length;
  }

  summary(): LabelSummary {
    // The flags as 1/0 scores at threshold 0.5 give the flags' own confusion counts.
    const { auc: _flagsAuc, recallAt1Fpr: _unused, ...flags } = binaryMetrics(this.flags, this.labels, 0.5);
    return {
      ...flags,
      auc: rocAuc(this.scores, this.labels),
      recallAtFpr: SUMMARY_FPRS.map((fpr) => ({ fpr, recall: recallAtFpr(this.scores, this.labels, fpr) })),
    };
  }
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a");

/** The summary as three lines for the terminal. */
export function renderSummary(s: LabelSummary): string {
  const f1 = Number.isFinite(s.f1) ? s.f1.toFixed(3) : "n/a";
  const auc = Number.isFinite(s.auc) ? s.auc.toFixed(3) : "n/a (needs both classes)";
  const ranked = s.recallAtFpr.map((r) => `${pct(r.recall)} at ${pct(r.fpr)}`).join(", ");
  return [
    `labels: ${s.n} texts, ${s.positives} positive, ${s.negatives} negative`,
    `flags: precision ${pct(s.precision)}, recall ${pct(s.recall)}, F1 ${f1}, false positives ${pct(s.fpr)} (tp ${s.tp}, fp ${s.fp}, tn ${s.tn}, fn ${s.fn})`,
    `scores: ROC-AUC ${auc}; recall ${ranked} false positives`,
  ].join("\n");
}
