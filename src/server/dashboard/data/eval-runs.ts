/**
 * Eval runs for the dashboard: the stored runs with their progress, and for finished runs the headline
 * rates (attack success, over-refusal). A finished run never changes, so its rates are computed once
 * and kept (bounded) — the list page does not re-summarise every run on every visit.
 */
import { summarize } from "../../../eval/stats/summarize.js";
import type { RunStats } from "../../../eval/stats/types.js";
import type { EvalStore, RunRecord } from "../../../eval/store/eval-store.js";

export interface RunRow {
  run: RunRecord;
  done: number;
  stats?: Pick<RunStats, "asr" | "overRefusal" | "totals" | "latency">;
}

export class EvalRunSummaries {
  private readonly cache = new Map<string, RunRow["stats"]>();

  constructor(private readonly maxCached = 200) {}

  async list(store: EvalStore, options: { limit?: number; summarise?: number } = {}): Promise<RunRow[]> {
    const runs = await store.listRuns(options.limit ?? 100);
    const summarise = options.summarise ?? 12;
    const rows: RunRow[] = [];
    for (const [i, run] of runs.entries()) {
      const row: RunRow = { run, done: await store.countResults(run.id) };
      if (run.status !== "running" && i < summarise) {
        const key = `${store.path}\u0000${run.id}`;
        let stats = this.cache.get(key);
        if (stats === undefined) {
          const s = summarize(await store.loadRun(run.id), { resamples: 500 });
          stats = { asr: s.asr, overRefusal: s.overRefusal, totals: s.totals, latency: s.latency };
          this.cache.set(key, stats);
          if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
        }
        row.stats = stats;
      }
      rows.push(row);
    }
    return rows;
  }
}
