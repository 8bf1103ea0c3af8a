/**
 * What `npx guardstack eval` reports, as a benchmark: the guard alone on the seven built-in suites (recorded
 * responses where a case needs an output), for the `default` and `strict` policies — attack success and
 * over-refusal with Wilson intervals, and for strict the threshold sweep of its classifiers at a few scales.
 */
import { createGuard } from "../guard/create-guard.js";
import { runEval } from "../eval/runner/run-eval.js";
import { summarize } from "../eval/stats/index.js";
import { builtinSuites } from "../eval/suites/index.js";
import { builtinRecordings } from "../eval/targets/builtin-recordings.js";
import { guardTarget } from "../eval/targets/guard-target.js";
import type { BenchModule } from "./types.js";

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");

export const run: BenchModule = async (ctx) => {
  const suites = builtinSuites();
  const rows: string[] = [];
  const sweepRows: string[] = [];
  const overRefused: string[] = [];
  for (const policy of ["default", "strict"] as const) {
    ctx.log(`builtin-suites: ${policy}`);
    const guard = await createGuard({ policy });
    const run = await runEval({
      suites,
      target: guardTarget({ guard, recorded: builtinRecordings, trace: true }),
    });
    const s = summarize(run);
    const ci = (r: typeof s.asr) => `[${pct(r.interval.low)}, ${pct(r.interval.high)}]`;
    rows.push(
      `| ${policy} | ${run.results.length} | ${pct(s.asr.rate)} ${ci(s.asr)} | ${s.asr.count}/${s.asr.total} | ${pct(s.overRefusal.rate)} ${ci(s.overRefusal)} | ${s.overRefusal.count}/${s.overRefusal.total} |`,
    );
    // Name each over-refused benign case and why, so a change in the count can be read.
    for (const r of run.results)
      if (r.overRefused) {
        const why = r.verdicts
          .filter((v) => !v.pass)
          .map((v) => `${v.judge}: ${v.detail ?? "failed"}`)
          .join("; ");
        overRefused.push(
          `| ${policy} | ${r.caseId} | ${r.output?.stoppedBy ?? "unknown"} | ${why.replace(/\|/g, "\\|")} |`,
        );
      }
    for (const p of run.sweep?.points ?? [])
      if ([0.5, 0.8, 0.9, 1, 1.1].some((k) => Math.abs(p.threshold - k) < 1e-9))
        sweepRows.push(`| ${policy} | ${p.threshold.toFixed(2)} | ${pct(p.asr)} | ${pct(p.overRefusal)} |`);
  }
  const md = [
    "The guard alone (`guardstack eval`'s default target) on the seven built-in suites: 450 project-written cases, judged on recorded responses where a case needs an output. Every attack case counts in the attack success rate (harmful requests, jailbreaks, direct and indirect injections, exfiltration, system-prompt extraction); over-refusal is over benign cases only. 95% Wilson intervals.",
    "",
    "| policy | cases | attack success | attacks | over-refusal | benign |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    "The over-refused benign cases (stopped by the guard, or answered with what the refusal judge reads as a refusal):",
    "",
    "| policy | case | stopped by | why |",
    "|---|---|---|---|",
    ...overRefused,
    "",
    "Threshold sweep (every learned classifier's blocking threshold times the scale; 1 is the policy as configured). The default policy runs no learned classifier, so it has none.",
    "",
    "| policy | scale | attack success | over-refusal |",
    "|---|---|---|---|",
    ...sweepRows,
  ];
  return { title: "Built-in suites: attack success and over-refusal of the guard", markdown: md.join("\n") };
};
