/**
 * Running counts of a curate run — records kept, repaired and rejected, per reason, the labels redacted,
 * a few redacted examples per reason, and the first malformed lines — small and bounded, saved in the
 * checkpoint so a resumed run reports the whole file.
 */
import { z } from "zod";
import type { Outcome } from "./curator.js";
import { REASONS, type Reason } from "./reasons.js";

export const EXAMPLES_PER_REASON = 3;
export const BAD_LINES_KEPT = 20;

const Example = z.object({
  line: z.number(),
  role: z.string().optional(),
  detail: z.string(),
  excerpt: z.string(),
});
export type ExampleEntry = z.infer<typeof Example>;

const count = z.number().int().min(0);

export const StatsSchema = z.object({
  records: count,
  kept: count,
  repaired: count,
  rejected: count,
  malformed: count,
  bytes: count,
  elapsedMs: z.number().min(0),
  byReason: z.partialRecord(z.enum(REASONS), count),
  labels: z.record(z.string(), count),
  examples: z.partialRecord(z.enum(REASONS), z.array(Example)),
  badLines: z.array(z.object({ line: z.number(), error: z.string() })),
});
export type StatsJSON = z.infer<typeof StatsSchema>;

export class CurateStats {
  records = 0;
  kept = 0;
  repaired = 0;
  rejected = 0;
  malformed = 0;
  /** Input bytes handled (including malformed lines). */
  bytes = 0;
  /** Time spent by earlier runs (before a resume). */
  elapsedBeforeMs = 0;
  byReason: Partial<Record<Reason, number>> = {};
  labels: Record<string, number> = {};
  examples: Partial<Record<Reason, ExampleEntry[]>> = {};
  badLines: { line: number; error: string }[] = [];
  private readonly started = performance.now();

  get elapsedMs(): number {
    return this.elapsedBeforeMs + (performance.now() - this.started);
  }

  add(outcome: Outcome, line: number): void {
    this.records++;
    if (outcome.action === "keep") this.kept++;
    else if (outcome.action === "repair") this.repaired++;
    else this.rejected++;
    const seen = new Set<Reason>();
    outcome.hits.forEach((hit, k) => {
      if (!seen.has(hit.reason)) {
        seen.add(hit.reason);
        this.byReason[hit.reason] = (this.byReason[hit.reason] ?? 0) + 1;
        const list = (this.examples[hit.reason] ??= []);
        if (list.length < EXAMPLES_PER_REASON) {
          const entry: ExampleEntry = { line, detail: hit.detail, excerpt: outcome.excerpts[k] ?? "" };
          if (hit.role) entry.role = hit.role;
          list.push(entry);
        }
      }
      if ((hit.reason === "pii" || hit.reason === "secret") && hit.label)
        for (const label of hit.label.split(",")) this.labels[label] = (this.labels[label] ?? 0) + 1;
    });
  }

  bad(line: number, error: string): void {
    this.malformed++;
    if (this.badLines.length < BAD_LINES_KEPT) this.badLines.push({ line, error });
  }

  toJSON(): StatsJSON {
    return {
      records: this.records,
      kept: this.kept,
      repaired: this.repaired,
      rejected: this.rejected,
      malformed: this.malformed,
      bytes: this.bytes,
      elapsedMs: this.elapsedMs,
      byReason: this.byReason,
      labels: this.labels,
      examples: this.examples,
      badLines: this.badLines,
    };
  }

  static from(json: StatsJSON): CurateStats {
    const s = new CurateStats();
    s.records = json.records;
    s.kept = json.kept;
    s.repaired = json.repaired;
    s.rejected = json.rejected;
    s.malformed = json.malformed;
    s.bytes = json.bytes;
    s.elapsedBeforeMs = json.elapsedMs;
    s.byReason = { ...json.byReason };
    s.labels = { ...json.labels };
    s.examples = structuredClone(json.examples);
    s.badLines = [...json.badLines];
    return s;
  }
}
