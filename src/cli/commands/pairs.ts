/**
 * `guardstack pairs IN --out PAIRS.jsonl [--format dpo|openai] [--provider-config F]` — builds safety
 * preference pairs: for harmful prompts a safe reply chosen over a harmful one, for benign prompts that
 * look dangerous a helpful answer chosen over a needless refusal. Replies come from the data (sorted by
 * the refusal and harmful-response classifiers) or, for a missing side, from the configured provider;
 * without either, the record is skipped and counted, never invented.
 */
import type { Command } from "commander";
import { CurateError } from "../../curate/errors.js";
import { FORMAT_NAMES } from "../../curate/formats/types.js";
import { PAIR_FORMATS, type PairFormat } from "../../curate/pairs/pair-format.js";
import { SKIP_TEXT } from "../../curate/pairs/pair-builder.js";
import { buildPairsFile } from "../../curate/pairs/run-pairs.js";
import { UserError } from "../errors.js";
import { createProgress } from "../progress.js";

interface PairsCliOptions {
  out: string;
  format: string;
  conversational?: boolean;
  inputFormat?: string;
  providerConfig?: string;
  policy?: string;
  concurrency?: string;
  quiet?: boolean;
}

export function registerPairs(program: Command): void {
  program
    .command("pairs")
    .description("build safety preference pairs (TRL DPO or OpenAI preference format) from training data")
    .argument("<in>", "JSONL training data (OpenAI chat, ShareGPT, Alpaca or preference records)")
    .requiredOption("-o, --out <file>", "write the pairs here (JSONL)")
    .option("--format <format>", `output format: ${PAIR_FORMATS.join(" or ")}`, "dpo")
    .option("--conversational", "DPO: always write prompts and replies as message lists")
    .option("--input-format <format>", `the input format instead of detecting it: ${FORMAT_NAMES.join(", ")}`)
    .option(
      "--provider-config <file>",
      "a provider (YAML/JSON) that writes missing safe replies, answers and refusals",
    )
    .option("-p, --policy <policy>", "built-in policy name or YAML file (its pairs: section sets the style)")
    .option("--concurrency <n>", "records in flight at once (provider calls overlap)", "4")
    .option("-q, --quiet", "no summary")
    .action(async (input: string, opts: PairsCliOptions) => {
      if (!(PAIR_FORMATS as readonly string[]).includes(opts.format))
        throw new UserError(`--format "${opts.format}": use one of ${PAIR_FORMATS.join(", ")}`);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new UserError(`--concurrency "${opts.concurrency}" is not a positive whole number`);
      let progress: ReturnType<typeof createProgress> | undefined;
      try {
        const s = await buildPairsFile({
          input,
          out: opts.out,
          format: opts.format as PairFormat,
          concurrency,
          ...(opts.conversational && { conversational: true }),
          ...(opts.inputFormat !== undefined && { inputFormat: opts.inputFormat }),
          ...(opts.providerConfig !== undefined && { providerConfig: opts.providerConfig }),
          ...(opts.policy !== undefined && { policy: opts.policy }),
          onBadLine: (line, why) => console.error(`${input}:${line}: ${why}`),
          onProgress: ({ bytes, total, records }) => {
            progress ??= createProgress(total, "bytes");
            progress.update(bytes, `${records} records`);
          },
        });
        progress?.stop();
        if (opts.quiet) return;
        const lines = [
          `${s.records} records (${s.format}), ${s.malformed} malformed lines: ${s.pairs} pairs written to ${opts.out}`,
          `  harmful prompts (safe reply over harmful): ${s.harmfulPromptPairs}`,
          `  benign prompts that look dangerous (answer over needless refusal): ${s.benignPromptPairs}`,
          `  written by the provider: ${s.generated["safe-response"]} safe replies, ${s.generated["helpful-answer"]} answers, ${s.generated["needless-refusal"]} refusals`,
        ];
        for (const [reason, n] of Object.entries(s.skipped))
          if (n > 0)
            lines.push(`  skipped, ${reason}: ${n} (${SKIP_TEXT[reason as keyof typeof SKIP_TEXT]})`);
        console.error(lines.join("\n"));
      } catch (err) {
        progress?.stop();
        if (err instanceof CurateError) throw new UserError(err.message);
        throw err;
      }
    });
}
