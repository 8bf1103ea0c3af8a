/**
 * `pairs` over a file: reads training data in any supported format, builds at most one safety preference
 * pair per record (see pair-builder.ts), and writes them as DPO or OpenAI preference JSONL, in input
 * order, with provider calls overlapping up to `concurrency`. Streams in constant memory.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { resolve } from "node:path";
import type { Provider } from "../../providers/types.js";
import { CurateError } from "../errors.js";
import { loadCuratePolicy } from "../policy-sections.js";
import { chooseFormat, inputSize, readRecords, type RecordItem } from "../io/records.js";
import { orderedMap } from "../ordered-pool.js";
import { providerFromFile } from "../provider-file.js";
import { resolveThresholds } from "../thresholds.js";
import { formatPair, type PairFormat } from "./pair-format.js";
import { PairBuilder, SKIP_REASONS, type PairResult, type SkipReason } from "./pair-builder.js";
import type { GeneratedSide } from "./prompts.js";

export interface PairsFileOptions {
  input: string;
  out: string;
  format?: PairFormat;
  /** Always write DPO prompts as message lists. */
  conversational?: boolean;
  /** The input format instead of detecting it. */
  inputFormat?: string;
  policy?: string;
  /** A provider config file; without one, pairs come from the data only. */
  providerConfig?: string;
  /** Or a provider object (tests, library use). */
  provider?: Provider;
  /** Records in flight at once (provider calls overlap); default 4. */
  concurrency?: number;
  onBadLine?: (line: number, error: string) => void;
  onProgress?: (p: { bytes: number; total: number; records: number }) => void;
}

export interface PairsSummary {
  format: string;
  records: number;
  malformed: number;
  pairs: number;
  harmfulPromptPairs: number;
  benignPromptPairs: number;
  generated: Record<GeneratedSide, number>;
  skipped: Record<SkipReason, number>;
}

export async function buildPairsFile(options: PairsFileOptions): Promise<PairsSummary> {
  const total = await inputSize(options.input);
  if (resolve(options.input) === resolve(options.out))
    throw new CurateError("the input and --out must be different files");
  const policy = await loadCuratePolicy(options.policy);
  const provider =
    options.provider ?? (options.providerConfig ? providerFromFile(options.providerConfig) : undefined);
  const adapter = await chooseFormat(options.input, options.inputFormat);
  const builder = new PairBuilder({
    policy: policy.loaded.policy,
    settings: policy.sections.pairs,
    thresholds: resolveThresholds(
      policy.sections.curate.thresholds,
      new Set(["harm", "harmful-response", "refusal"]),
    ),
    ...(provider && { provider }),
  });
  const summary: PairsSummary = {
    format: adapter.name,
    records: 0,
    malformed: 0,
    pairs: 0,
    harmfulPromptPairs: 0,
    benignPromptPairs: 0,
    generated: { "safe-response": 0, "helpful-answer": 0, "needless-refusal": 0 },
    skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
  };
  const out = createWriteStream(options.out, { encoding: "utf8" });
  const work = async (
    item: RecordItem,
  ): Promise<{ item: RecordItem; result?: PairResult; error?: Error }> => {
    if (item.ok !== true) return { item };
    try {
      return { item, result: await builder.build(item.parsed) };
    } catch (err) {
      return { item, error: err instanceof Error ? err : new Error(String(err)) };
    }
  };
  try {
    for await (const { item, result, error } of orderedMap(
      readRecords(options.input, adapter),
      options.concurrency ?? 4,
      work,
    )) {
      if (error !== undefined) throw error;
      if (item.ok === false) {
        summary.malformed++;
        options.onBadLine?.(item.line, item.error);
      } else if (item.ok === true && result) {
        summary.records++;
        for (const g of result.generated) summary.generated[g]++;
        if (result.skip) summary.skipped[result.skip]++;
        if (result.pair) {
          summary.pairs++;
          if (result.kind === "harmful-prompt") summary.harmfulPromptPairs++;
          else summary.benignPromptPairs++;
          const line =
            JSON.stringify(formatPair(result.pair, options.format ?? "dpo", options.conversational)) + "\n";
          if (!out.write(line)) await once(out, "drain");
        }
      }
      options.onProgress?.({ bytes: item.end, total, records: summary.records });
    }
  } finally {
    out.end();
    await once(out, "finish").catch(() => undefined);
  }
  return summary;
}
