/**
 * `guardstack classify --detector NAME --input IN.jsonl --output OUT.jsonl` — runs one detector over every
 * `{id, text}` and writes `{id, score, flagged, category, findings}`. This contract is how any detector is
 * measured from outside: keep it stable. The input may also be CSV or TSV with a header row, the fields
 * may have other names (`--text-field`, `--id-field`), and with `--label-field` each output line carries
 * the record's label and the run ends with the detector's precision, recall, F1 and ROC-AUC on them.
 *
 * A trained classifier's score is written for every text, under its threshold too: a ranking measure
 * (ROC-AUC, recall at a chosen false-positive rate) needs the scores of the texts it does not flag, and
 * `--threshold` may sit below the model's operating threshold. Other detectors score only what they find.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  classifierDetector,
  classifierGate,
  classifierTask,
  detectorName,
} from "../../classifiers/detectors.js";
import { TASKS, type Task } from "../../classifiers/training/types.js";
import { builtinDetectors } from "../../detectors/builtin.js";
import type { Detector, DetectorContext, Finding } from "../../detectors/types.js";
import { resolvePolicy } from "../../policy/load.js";
import { resolveRule } from "../../policy/rules.js";
import { normalize } from "../../text/normalize.js";
import { UserError } from "../errors.js";
import { BadLineTracker, STDIN, fileSize } from "../jsonl.js";
import {
  LabelledScores,
  parseLabel,
  parsePositives,
  renderSummary,
  type LabelSummary,
} from "../label-metrics.js";
import { parseStage } from "../options.js";
import { createProgress } from "../progress.js";
import { claimOutputFile, openOutputStream } from "../output-file.js";
import { inputFormat, readRecords, INPUT_FORMATS } from "../record-input.js";

/** What one text gets: the detector's score and the findings it reports. */
interface Scored {
  score: number;
  findings: Finding[];
}

/**
 * How `classify` scores a text with `detector`: a trained classifier runs unthresholded, so its score is
 * known for every text, and reports its finding at `--threshold` when given, else at its policy gate;
 * any other detector reports what it finds and its top score.
 */
function scorerFor(
  detector: Detector,
  ctx: DetectorContext,
  fixedThreshold: number | undefined,
): (text: string) => Promise<Scored> {
  const task = classifierTask(detector.name);
  if (task) {
    const raw = classifierDetector(task, { threshold: 0, stages: detector.stages });
    const gate = fixedThreshold ?? classifierGate(task, ctx.settings);
    return async (text) => {
      const found = await raw.detect(normalize(text), ctx);
      const score = found[0]?.score ?? 0;
      return { score, findings: found.filter((f) => f.score >= gate) };
    };
  }
  return async (text) => {
    const findings = await detector.detect(normalize(text), ctx);
    let score = 0;
    for (const f of findings) if (f.score > score) score = f.score;
    return { score, findings };
  };
}

interface ClassifyOptions {
  detector: string;
  input: string;
  output: string;
  format?: string;
  textField: string;
  idField: string;
  labelField?: string;
  positive?: string;
  metrics?: string;
  stage: string;
  policy?: string;
  threshold?: string;
}

/** One record's fields, or why it cannot be used. */
function fieldsOf(
  value: unknown,
  opts: ClassifyOptions,
  positives: ReadonlySet<string> | null,
): { id: string | number | undefined; text: string; label: 0 | 1 | undefined } | string {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return `expected an object with a "${opts.textField}" field`;
  const record = value as Record<string, unknown>;
  const text = record[opts.textField];
  if (typeof text !== "string")
    return text === undefined
      ? `no "${opts.textField}" field (name the text's field with --text-field)`
      : `"${opts.textField}" is not a string`;
  const rawId = record[opts.idField];
  const id = typeof rawId === "string" || typeof rawId === "number" ? rawId : undefined;
  if (opts.labelField === undefined) return { id, text, label: undefined };
  const label = parseLabel(record[opts.labelField], positives);
  if (typeof label === "string") return `${label} (field "${opts.labelField}")`;
  return { id, text, label };
}

/** NaN as null, so the metrics file stays JSON. */
function metricsJson(s: LabelSummary): string {
  return JSON.stringify(s, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2);
}

export function registerClassify(program: Command): void {
  program
    .command("classify")
    .description(
      "score every {id, text} of a JSONL, CSV or TSV file with one detector: {id, score, flagged, category, findings}",
    )
    .requiredOption(
      "-d, --detector <name>",
      "detector name (see `guardstack detectors`), or a model's name (harm, injection, ...) for its classifier",
    )
    .requiredOption(
      "-i, --input <file>",
      "JSONL of {id, text}, or CSV/TSV with a header row ('-' reads standard input)",
    )
    .option("-o, --output <file>", "JSONL to write ('-': standard output)", STDIN)
    .option(
      "-f, --format <format>",
      `input format: ${INPUT_FORMATS.join(", ")} (default: from the extension, else jsonl)`,
    )
    .option("--text-field <name>", "the field holding the text", "text")
    .option("--id-field <name>", "the field holding the id (default: the line number)", "id")
    .option(
      "--label-field <name>",
      "the field holding a 1/0 label: each output line carries it, and the run ends with precision, recall, F1 and ROC-AUC",
    )
    .option(
      "--positive <values>",
      "with --label-field: the label values that mean positive, comma-separated (e.g. unsafe,jailbreak)",
    )
    .option("--metrics <file>", "with --label-field: also write the measures as JSON here")
    .option("-s, --stage <stage>", "stage whose rule sets the default threshold", "input")
    .option("-p, --policy <policy>", "built-in policy name or YAML file (thresholds, settings)", "default")
    .option(
      "-t, --threshold <score>",
      "flag at or above this score instead of the policy's threshold (for a classifier, also below its operating threshold)",
    )
    .action(async (opts: ClassifyOptions) => {
      const stage = parseStage(opts.stage);
      const detectors = builtinDetectors();
      // A model's own name (harm, injection, toxicity, refusal, harmful-response) names its classifier.
      const wanted = (TASKS as readonly string[]).includes(opts.detector)
        ? detectorName(opts.detector as Task)
        : opts.detector;
      const detector = detectors.find((d) => d.name === wanted);
      if (!detector) {
        throw new UserError(
          `unknown detector "${opts.detector}": use one of ${detectors
            .map((d) => d.name)
            .sort()
            .join(", ")} (or a model's name: ${TASKS.join(", ")})`,
        );
      }
      let fixedThreshold: number | undefined;
      if (opts.threshold !== undefined) {
        fixedThreshold = Number(opts.threshold);
        if (!Number.isFinite(fixedThreshold) || fixedThreshold < 0 || fixedThreshold > 1) {
          throw new UserError(`--threshold must be a number from 0 to 1, got "${opts.threshold}"`);
        }
      }
      if (opts.labelField === undefined && (opts.positive !== undefined || opts.metrics !== undefined))
        throw new UserError(
          "--positive and --metrics need --label-field (the field holding each record's label)",
        );
      const format = inputFormat(opts.input, opts.format);
      const positives = parsePositives(opts.positive);
      // The input is checked before any output file is created or truncated.
      const inputBytes = fileSize(opts.input);
      if (opts.metrics !== undefined) claimOutputFile(opts.metrics, "the metrics");
      const { policy } = await resolvePolicy(opts.policy);
      const ctx: DetectorContext = { stage, settings: policy };
      const scoreOf = scorerFor(detector, ctx, fixedThreshold);
      const progress = createProgress(inputBytes, "bytes");
      const out = opts.output === STDIN ? process.stdout : openOutputStream(opts.output);
      const labelled = opts.labelField === undefined ? null : new LabelledScores();
      let n = 0;
      const bad = new BadLineTracker(
        opts.input,
        `expected ${format === "jsonl" ? "one JSON object per line" : `a ${format.toUpperCase()} file with a header row`} with the text in "${opts.textField}"`,
      );
      try {
        for await (const item of readRecords(opts.input, format)) {
          progress.update(item.bytesRead, `${n} texts`);
          const rec = item.ok ? fieldsOf(item.value, opts, positives) : item.error;
          if (typeof rec === "string") {
            bad.fail(item.line, rec);
            continue;
          }
          bad.ok();
          const { score, findings } = await scoreOf(rec.text);
          let top: Finding | undefined;
          for (const f of findings) if (!top || f.score > top.score) top = f;
          const threshold = fixedThreshold ?? (top ? resolveRule(policy, top.category, stage).threshold : 1);
          const flagged = top !== undefined && top.score >= threshold;
          const line = {
            id: rec.id ?? `line-${item.line}`,
            score,
            flagged,
            category: top?.category ?? null,
            findings: findings.map((f) => ({
              category: f.category,
              label: f.label,
              score: f.score,
              span: f.span,
            })),
            ...(rec.label === undefined ? {} : { label: rec.label }),
          };
          if (rec.label !== undefined) labelled?.add(score, rec.label, flagged);
          if (!out.write(JSON.stringify(line) + "\n"))
            await new Promise<void>((r) => out.once("drain", () => r()));
          n++;
        }
      } finally {
        progress.stop();
        if (out !== process.stdout) await new Promise<void>((resolve) => out.end(resolve));
      }
      bad.finish();
      const where = opts.output === STDIN ? "standard output" : opts.output;
      console.error(
        `classified ${n} texts with ${detector.name}${bad.bad ? `; ${bad.bad} bad lines skipped` : ""}; wrote ${where}`,
      );
      if (labelled) {
        const summary = labelled.summary();
        console.error(renderSummary(summary));
        if (opts.metrics) writeFileSync(opts.metrics, metricsJson(summary) + "\n");
      }
    });
}
