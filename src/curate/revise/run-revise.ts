/**
 * `revise` over a file: every record goes through the critique-and-revise loop (reviser.ts) and is
 * written with its revised replies and, under the key `guardstack_revise`, the audit trail: for each
 * reviewed turn the original reply, the principles applied, every critique and revision. Records are
 * written in input order while up to `concurrency` are in flight; constant memory.
 */
import { resolve } from "node:path";
import type { Provider } from "../../providers/types.js";
import { CurateError } from "../errors.js";
import { mapRecordsToFile } from "../io/map-records.js";
import { chooseFormat, inputSize } from "../io/records.js";
import { loadCuratePolicy } from "../policy-sections.js";
import { providerFromFile } from "../provider-file.js";
import { Reviser, type RecordRevision } from "./reviser.js";

export const AUDIT_KEY = "guardstack_revise";

export interface ReviseFileOptions {
  input: string;
  out: string;
  /** A provider config file, or a provider object. */
  providerConfig?: string;
  provider?: Provider;
  policy?: string;
  inputFormat?: string;
  maxRounds?: number;
  concurrency?: number;
  onBadLine?: (line: number, error: string) => void;
  onProgress?: (p: { bytes: number; total: number; records: number }) => void;
}

export interface ReviseSummary {
  format: string;
  records: number;
  malformed: number;
  /** Assistant turns critiqued, revised, and left unchanged because a provider call failed. */
  turnsReviewed: number;
  turnsRevised: number;
  turnErrors: number;
  critiques: number;
  /** Critiques whose verdict line could not be read. */
  unclear: number;
}

export async function reviseFile(options: ReviseFileOptions): Promise<ReviseSummary> {
  const total = await inputSize(options.input);
  if (resolve(options.input) === resolve(options.out))
    throw new CurateError("the input and --out must be different files");
  const policy = await loadCuratePolicy(options.policy);
  const provider =
    options.provider ?? (options.providerConfig ? providerFromFile(options.providerConfig) : undefined);
  if (!provider) throw new CurateError("revise needs a provider: --provider-config FILE.yaml");
  const adapter = await chooseFormat(options.input, options.inputFormat);
  const reviser = new Reviser({
    provider,
    policy: policy.loaded.policy,
    principles: policy.sections.principles,
    ...(options.maxRounds !== undefined && { maxRounds: options.maxRounds }),
  });
  const summary: ReviseSummary = {
    format: adapter.name,
    records: 0,
    malformed: 0,
    turnsReviewed: 0,
    turnsRevised: 0,
    turnErrors: 0,
    critiques: 0,
    unclear: 0,
  };
  const counts = await mapRecordsToFile<RecordRevision>({
    input: options.input,
    adapter,
    out: options.out,
    concurrency: options.concurrency ?? 4,
    step: (parsed, value) => reviser.reviseRecord(parsed, value),
    onResult: (result) => {
      for (const t of result.turns) {
        summary.turnsReviewed++;
        if (t.revised) summary.turnsRevised++;
        if (t.error) summary.turnErrors++;
        summary.critiques += t.steps.length;
        summary.unclear += t.steps.filter((s) => s.verdict === "unclear").length;
      }
      const record =
        result.record !== null && typeof result.record === "object" && !Array.isArray(result.record)
          ? { ...(result.record as Record<string, unknown>), [AUDIT_KEY]: { turns: result.turns } }
          : result.record;
      return [JSON.stringify(record)];
    },
    ...(options.onBadLine && { onBadLine: options.onBadLine }),
    onProgress: (p) => options.onProgress?.({ ...p, total }),
  });
  summary.records = counts.records;
  summary.malformed = counts.malformed;
  return summary;
}
