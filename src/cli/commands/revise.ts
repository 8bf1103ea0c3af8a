/**
 * `guardstack revise IN --out OUT --provider-config F [--policy P]` — the critique-and-revise loop
 * (Constitutional AI) over every assistant turn, against the principles in the policy (`principles:`;
 * built-in ones when it has none). Output records carry the revised replies and, under
 * `guardstack_revise`, the original replies, critiques and revisions for audit.
 */
import type { Command } from "commander";
import { CurateError } from "../../curate/errors.js";
import { FORMAT_NAMES } from "../../curate/formats/types.js";
import { reviseFile } from "../../curate/revise/run-revise.js";
import { UserError } from "../errors.js";
import { createProgress } from "../progress.js";

interface ReviseCliOptions {
  out: string;
  providerConfig: string;
  policy?: string;
  maxRounds: string;
  inputFormat?: string;
  concurrency: string;
  quiet?: boolean;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag} "${value}" is not a positive whole number`);
  return n;
}

export function registerRevise(program: Command): void {
  program
    .command("revise")
    .description(
      "critique and revise assistant replies against the policy's principles, keeping an audit trail",
    )
    .argument("<in>", "JSONL training data (OpenAI chat, ShareGPT, Alpaca or preference records)")
    .requiredOption("-o, --out <file>", "write revised records here (JSONL)")
    .requiredOption("--provider-config <file>", "the provider (YAML/JSON) that critiques and revises")
    .option("-p, --policy <policy>", "built-in policy name or YAML file with a principles: section")
    .option("--max-rounds <n>", "critique-and-revise rounds per reply at most", "2")
    .option("--input-format <format>", `the input format instead of detecting it: ${FORMAT_NAMES.join(", ")}`)
    .option("--concurrency <n>", "records in flight at once", "4")
    .option("-q, --quiet", "no summary")
    .action(async (input: string, opts: ReviseCliOptions) => {
      const maxRounds = positive(opts.maxRounds, "--max-rounds");
      const concurrency = positive(opts.concurrency, "--concurrency");
      let progress: ReturnType<typeof createProgress> | undefined;
      try {
        const s = await reviseFile({
          input,
          out: opts.out,
          providerConfig: opts.providerConfig,
          maxRounds,
          concurrency,
          ...(opts.policy !== undefined && { policy: opts.policy }),
          ...(opts.inputFormat !== undefined && { inputFormat: opts.inputFormat }),
          onBadLine: (line, why) => console.error(`${input}:${line}: ${why}`),
          onProgress: ({ bytes, total, records }) => {
            progress ??= createProgress(total, "bytes");
            progress.update(bytes, `${records} records`);
          },
        });
        progress?.stop();
        if (!opts.quiet)
          console.error(
            `${s.records} records (${s.format}), ${s.malformed} malformed lines: ${s.turnsReviewed} replies reviewed, ${s.turnsRevised} revised, ${s.critiques} critiques (${s.unclear} without a readable verdict), ${s.turnErrors} provider failures; written to ${opts.out}`,
          );
      } catch (err) {
        progress?.stop();
        if (err instanceof CurateError) throw new UserError(err.message);
        throw err;
      }
    });
}
