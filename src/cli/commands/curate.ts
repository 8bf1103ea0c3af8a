/**
 * `guardstack curate IN --out CLEAN --rejected REJECTED --report REPORT.md` — filters a training-data
 * file (OpenAI chat, ShareGPT, Alpaca, preference or plain-text JSONL): harmful compliance, toxicity,
 * injected instructions, personal data and secrets (redacted or dropped), duplicates and near
 * duplicates, optional language filter. Streams in constant memory with a progress bar; Ctrl-C (or a
 * kill) leaves a checkpoint, and `--resume` continues without duplicating output.
 */
import type { Command } from "commander";
import { DEDUP_MODES, PII_MODES, type DedupMode, type PiiMode } from "../../curate/config.js";
import { CurateError } from "../../curate/errors.js";
import { FORMAT_NAMES } from "../../curate/formats/types.js";
import { CHECKS } from "../../curate/reasons.js";
import { curateFile } from "../../curate/run-curate.js";
import { UserError } from "../errors.js";
import { createProgress } from "../progress.js";

interface CurateCliOptions {
  out: string;
  rejected: string;
  report: string;
  format?: string;
  pii?: string;
  languages?: string;
  dedup?: string;
  nearThreshold?: string;
  dedupWindow?: string;
  policy?: string;
  checks?: string;
  resume?: boolean;
  checkpoint?: string;
  checkpointEvery?: string;
  quiet?: boolean;
}

/** Bad lines printed on stderr before the rest are only counted (all are in the report's count). */
const BAD_LINES_SHOWN = 50;

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UserError(`${flag} "${value}": use one of ${allowed.join(", ")}`);
  return value as T;
}

function number(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new UserError(`${flag} "${value}" is not ${integer ? "a whole number" : "a number"}`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

export function registerCurate(program: Command): void {
  program
    .command("curate")
    .description(
      "filter a training-data file: harmful compliance, toxicity, injected instructions, personal data and secrets, duplicates, language",
    )
    .argument("<in>", "JSONL training data (OpenAI chat, ShareGPT, Alpaca, preference or {text})")
    .requiredOption("-o, --out <file>", "write kept (repaired) records here")
    .requiredOption("--rejected <file>", "write rejected records here, with their reasons")
    .requiredOption("--report <file>", "write the Markdown report here")
    .option("--format <format>", `the input format instead of detecting it: ${FORMAT_NAMES.join(", ")}`)
    .option(
      "--pii <mode>",
      "personal data and secrets: redact them in place, or drop the record (redact|drop)",
    )
    .option("--languages <list>", "keep only these languages, e.g. en,de (ISO 639-1)")
    .option("--dedup <mode>", "duplicates: exact, near (exact and MinHash near duplicates) or off")
    .option("--near-threshold <x>", "near-duplicate similarity, 0.3-1 (default 0.7)")
    .option(
      "--dedup-window <n>",
      "kept records the dedup index remembers (default 250000; at most about 700 bytes each)",
    )
    .option("-p, --policy <policy>", "built-in policy name or YAML file (its curate: section sets defaults)")
    .option("--checks <list>", `checks to run (default all): ${CHECKS.join(", ")}`)
    .option("--resume", "continue an interrupted run from its checkpoint")
    .option("--checkpoint <file>", "checkpoint file (default <out>.checkpoint.json)")
    .option("--checkpoint-every <n>", "checkpoint after this many records (default 5000; also every 5 s)")
    .option("-q, --quiet", "no summary line")
    .action(async (input: string, opts: CurateCliOptions) => {
      const pii = oneOf<PiiMode>(opts.pii, PII_MODES, "--pii");
      const dedup = oneOf<DedupMode>(opts.dedup, DEDUP_MODES, "--dedup");
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once("SIGINT", onSigint);
      let progress: ReturnType<typeof createProgress> | undefined;
      const started = performance.now();
      let shown = 0;
      try {
        const summary = await curateFile({
          input,
          out: opts.out,
          rejected: opts.rejected,
          report: opts.report,
          ...(opts.format !== undefined && { format: opts.format }),
          ...(pii !== undefined && { pii }),
          ...(dedup !== undefined && { dedup }),
          ...(opts.languages !== undefined && { languages: list(opts.languages)! }),
          ...(opts.nearThreshold !== undefined && {
            nearThreshold: number(opts.nearThreshold, "--near-threshold", false)!,
          }),
          ...(opts.dedupWindow !== undefined && {
            dedupWindow: number(opts.dedupWindow, "--dedup-window", true)!,
          }),
          ...(opts.policy !== undefined && { policy: opts.policy }),
          ...(opts.checks !== undefined && { checks: list(opts.checks)! }),
          ...(opts.resume && { resume: true }),
          ...(opts.checkpoint !== undefined && { checkpoint: opts.checkpoint }),
          ...(opts.checkpointEvery !== undefined && {
            checkpointEvery: number(opts.checkpointEvery, "--checkpoint-every", true)!,
          }),
          signal: controller.signal,
          log: (m) => console.error(m),
          onBadLine: (line, why) => {
            if (shown < BAD_LINES_SHOWN) console.error(`${input}:${line}: ${why}`);
            else if (shown === BAD_LINES_SHOWN) console.error(`(more malformed lines: see the report)`);
            shown++;
          },
          onProgress: ({ bytes, total, records }) => {
            progress ??= createProgress(total, "bytes");
            const secs = (performance.now() - started) / 1000;
            progress.update(
              bytes,
              `${records} records, ${secs > 0 ? (records / secs).toFixed(0) : "-"} rec/s`,
            );
          },
        });
        progress?.stop();
        const s = summary.stats;
        if (!opts.quiet)
          console.error(
            `${s.records} records: ${s.kept} kept, ${s.repaired} repaired, ${s.rejected} rejected; ${s.malformed} malformed lines; report in ${opts.report}`,
          );
        if (!summary.complete) {
          console.error(`interrupted; run the same command with --resume to continue`);
          process.exitCode = 130;
        }
      } catch (err) {
        progress?.stop();
        if (err instanceof CurateError) throw new UserError(err.message);
        throw err;
      } finally {
        process.off("SIGINT", onSigint);
      }
    });
}
