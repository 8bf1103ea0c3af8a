/**
 * `guardstack classify --detector NAME --input IN.jsonl --output OUT.jsonl` — runs one detector over every
 * `{id, text}` and writes `{id, score, flagged, category, findings}`. This contract is how any detector is
 * measured from outside: keep it stable.
 *
 * A trained classifier's score is written for every text, under its threshold too: a ranking measure
 * (ROC-AUC, recall at a chosen false-positive rate) needs the scores of the texts it does not flag, and
 * `--threshold` may sit below the model's operating threshold. Other detectors score only what they find.
 */
import { createWriteStream } from "node:fs";
import type { Command } from "commander";
import { classifierDetector, classifierGate, classifierTask } from "../../classifiers/detectors.js";
import { builtinDetectors } from "../../detectors/builtin.js";
import type { Detector, DetectorContext, Finding } from "../../detectors/types.js";
import { resolvePolicy } from "../../policy/load.js";
import { resolveRule } from "../../policy/rules.js";
import { normalize } from "../../text/normalize.js";
import { UserError } from "../errors.js";
import { BadLineTracker, fileSize, readJsonl } from "../jsonl.js";
import { parseStage } from "../options.js";
import { createProgress } from "../progress.js";
import { TextRecord } from "../records.js";

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
  stage: string;
  policy?: string;
  threshold?: string;
}

export function registerClassify(program: Command): void {
  program
    .command("classify")
    .description(
      "score every {id, text} of a JSONL file with one detector: {id, score, flagged, category, findings}",
    )
    .requiredOption("-d, --detector <name>", "detector name (see `guardstack detectors`)")
    .requiredOption("-i, --input <file>", "JSONL of {id, text}")
    .requiredOption("-o, --output <file>", "JSONL to write")
    .option("-s, --stage <stage>", "stage whose rule sets the default threshold", "input")
    .option("-p, --policy <policy>", "built-in policy name or YAML file (thresholds, settings)", "default")
    .option(
      "-t, --threshold <score>",
      "flag at or above this score instead of the policy's threshold (for a classifier, also below its operating threshold)",
    )
    .action(async (opts: ClassifyOptions) => {
      const stage = parseStage(opts.stage);
      const detectors = builtinDetectors();
      const detector = detectors.find((d) => d.name === opts.detector);
      if (!detector) {
        throw new UserError(
          `unknown detector "${opts.detector}": use one of ${detectors
            .map((d) => d.name)
            .sort()
            .join(", ")}`,
        );
      }
      let fixedThreshold: number | undefined;
      if (opts.threshold !== undefined) {
        fixedThreshold = Number(opts.threshold);
        if (!Number.isFinite(fixedThreshold) || fixedThreshold < 0 || fixedThreshold > 1) {
          throw new UserError(`--threshold must be a number from 0 to 1, got "${opts.threshold}"`);
        }
      }
      const { policy } = await resolvePolicy(opts.policy);
      const ctx: DetectorContext = { stage, settings: policy };
      const scoreOf = scorerFor(detector, ctx, fixedThreshold);
      const out = createWriteStream(opts.output, { encoding: "utf8" });
      const progress = createProgress(fileSize(opts.input), "bytes");
      let n = 0;
      const bad = new BadLineTracker(opts.input);
      try {
        for await (const item of readJsonl(opts.input)) {
          progress.update(item.bytesRead, `${n} texts`);
          const rec = item.ok ? TextRecord.safeParse(item.value) : undefined;
          if (!item.ok || !rec?.success) {
            bad.fail(item.line, item.ok ? 'expected {"id", "text"}' : item.error);
            continue;
          }
          bad.ok();
          const { score, findings } = await scoreOf(rec.data.text);
          let top: Finding | undefined;
          for (const f of findings) if (!top || f.score > top.score) top = f;
          const threshold = fixedThreshold ?? (top ? resolveRule(policy, top.category, stage).threshold : 1);
          const line = {
            id: rec.data.id ?? `line-${item.line}`,
            score,
            flagged: top !== undefined && top.score >= threshold,
            category: top?.category ?? null,
            findings: findings.map((f) => ({
              category: f.category,
              label: f.label,
              score: f.score,
              span: f.span,
            })),
          };
          if (!out.write(JSON.stringify(line) + "\n"))
            await new Promise<void>((r) => out.once("drain", () => r()));
          n++;
        }
      } finally {
        progress.stop();
        await new Promise<void>((resolve) => out.end(resolve));
      }
      console.error(
        `classified ${n} texts with ${detector.name}${bad.bad ? `; ${bad.bad} bad lines skipped` : ""}; wrote ${opts.output}`,
      );
    });
}
