/**
 * `guardstack compare RUN_A RUN_B` — pairs the two runs' results case by case and tests each change in
 * attack success and over-refusal (exact McNemar), overall and per category. RUN_A is the baseline,
 * RUN_B the candidate; each is a run id in the store, "latest" / "latest~N" / "previous", or a file: a
 * JSON report (`guardstack eval --json`, `guardstack report RUN --format json`) or a run file
 * (`--run-file`, `--format run`). The two must have run the same suites (a suite's id is its content hash).
 * `--fail-on regression` (or any threshold rule on the candidate) exits 1 when it holds.
 */
import type { Command } from "commander";
import { compareRuns, gate, IncomparableRunsError } from "../../eval/compare/index.js";
import { renderTerminal } from "../../eval/report/index.js";
import type { ReportInput } from "../../eval/report/types.js";
import { writeReports } from "../../eval/runner/reports.js";
import { firstLine } from "../../eval/runner/setup.js";
import { DEFAULT_DB_PATH, EvalStore } from "../../eval/store/eval-store.js";
import { loadRunRef } from "../../eval/store/run-ref.js";
import { UserError } from "../errors.js";

interface CompareFlags {
  db: string;
  failOn: string[];
  alpha?: string;
  out?: string;
  json?: string;
  markdown?: string;
  quiet?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerCompare(program: Command): void {
  program
    .command("compare")
    .description(
      "compare two eval runs case by case: significant regressions and improvements (exact McNemar)",
    )
    .argument("<baseline>", "run id, latest, latest~N, previous, or a JSON report or run file")
    .argument("<candidate>", "run id, latest, latest~N, previous, or a JSON report or run file")
    .option("--db <file>", "results store (SQLite)", DEFAULT_DB_PATH)
    .option("--alpha <p>", "significance level (default 0.05)")
    .option(
      "--fail-on <rule>",
      "exit 1 when a rule holds, e.g. regression, asr>0.05; repeatable",
      collect,
      [],
    )
    .option("-o, --out <file>", "HTML report of the candidate with the comparison")
    .option("--json <file>", "JSON report")
    .option("--markdown <file>", "Markdown report")
    .option("-q, --quiet", "no table on standard output")
    .action(async (a: string, b: string, flags: CompareFlags) => {
      let store: EvalStore | undefined;
      const open = async () => (store ??= await EvalStore.open(flags.db));
      try {
        const alpha = flags.alpha === undefined ? undefined : Number(flags.alpha);
        if (alpha !== undefined && !(alpha > 0 && alpha < 1))
          throw new UserError(`--alpha must be between 0 and 1, got "${flags.alpha}"`);
        const baseline = await loadRunRef(a, open);
        const candidate = await loadRunRef(b, open);
        const comparison = compareRuns(baseline, candidate, alpha !== undefined ? { alpha } : {});
        const input: ReportInput = { run: candidate, stats: comparison.candidateStats, comparison };
        if (!flags.quiet) process.stdout.write(renderTerminal(input));
        await writeReports(input, {
          ...(flags.out ? { html: flags.out } : {}),
          ...(flags.json ? { json: flags.json } : {}),
          ...(flags.markdown ? { markdown: flags.markdown } : {}),
        });
        if (flags.failOn.length > 0) {
          const violations = gate(comparison, flags.failOn);
          for (const v of violations) process.stderr.write(`fail-on ${v.rule}: ${v.message}\n`);
          if (violations.length > 0) process.exitCode = 1;
        }
      } catch (err) {
        if (err instanceof UserError) throw err;
        if (err instanceof IncomparableRunsError) throw new UserError(firstLine(err));
        throw new UserError(firstLine(err));
      } finally {
        await store?.close();
      }
    });
}
