/**
 * `pairs` over a file: reads training data in any supported format, builds at most one safety preference
 * pair per record (see pair-builder.ts), and writes them as DPO or OpenAI preference JSONL, in input
 * order, with provider calls overlapping up to `concurrency`. Streams in constant memory.
 */
import { resolve } from "node:path";
import type { Provider } from "../../providers/types.js";
import { CurateError } from "../errors.js";
import { loadCuratePolicy } from "../policy-sections.js";
import { mapRecordsToFile } from "../io/map-records.js";
import { chooseFormat, inputSize } from "../io/records.js";
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
  const counts = await mapRecordsToFile<PairResult>({
    input: options.input,
    adapter,
    out: options.out,
    concurrency: options.concurrency ?? 4,
    step: (parsed) => builder.build(parsed),
    onResult: (result) => {
      for (const g of result.generated) summary.generated[g]++;
      if (result.skip) summary.skipped[result.skip]++;
      if (!result.pair) return [];
      summary.pairs++;
      if (result.kind === "harmful-prompt") summary.harmfulPromptPairs++;
      else summary.benignPromptPairs++;
      return [JSON.stringify(formatPair(result.pair, options.format ?? "dpo", options.conversational))];
    },
    ...(options.onBadLine && { onBadLine: options.onBadLine }),
    onProgress: (p) => options.onProgress?.({ ...p, total }),
  });
  summary.records = counts.records;
  summary.malformed = counts.malformed;
  return summary;
}
