/**
 * `curate` over a file: streams the input line by line (constant memory: one line, the bounded dedup
 * index, and bounded counts), writes kept records to the clean output and rejected ones to the rejected
 * output with their reasons, reports malformed lines by number and goes on, checkpoints as it goes, and
 * ends with a Markdown report. With `resume`, a run interrupted at any point (even killed) continues from
 * its checkpoint: the outputs are cut back to what the checkpoint counted, the dedup index is rebuilt
 * from the clean output, and reading resumes after the last record written — nothing is written twice.
 */
import { createHash } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CurateSettingsT, DedupMode, PiiMode } from "./config.js";
import { Curator } from "./curator.js";
import { CurateError } from "./errors.js";
import { formatByName } from "./formats/detect.js";
import {
  inputIdentity,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
  type Checkpoint,
} from "./io/checkpoint.js";
import { readLines } from "./io/line-reader.js";
import { chooseFormat, inputSize, readRecords } from "./io/records.js";
import { OutputFile } from "./io/output-file.js";
import { loadCuratePolicy } from "./policy-sections.js";
import { CHECKS, type CheckName } from "./reasons.js";
import { renderCurateReport } from "./report.js";
import { effectiveSettings, parseChecks } from "./settings.js";
import { CurateStats, type StatsJSON } from "./stats.js";

export interface CurateFileOptions {
  input: string;
  out: string;
  rejected: string;
  report: string;
  /** Force a format instead of detecting it. */
  format?: string;
  pii?: PiiMode;
  languages?: string[];
  dedup?: DedupMode;
  nearThreshold?: number;
  dedupWindow?: number;
  /** A built-in policy name or a YAML file (its `curate:` section gives the defaults). */
  policy?: string;
  /** Checks to run (default: all). */
  checks?: string[];
  resume?: boolean;
  /** Checkpoint file (default `<out>.checkpoint.json`). */
  checkpoint?: string;
  /** Checkpoint after this many records (default 5000) or this many seconds (default 5), whichever first. */
  checkpointEvery?: number;
  checkpointSeconds?: number;
  /** Stops the run cleanly (checkpoint and partial report) when aborted, e.g. on Ctrl-C. */
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; total: number; records: number }) => void;
  onBadLine?: (line: number, error: string) => void;
  log?: (message: string) => void;
}

export interface CurateSummary {
  format: string;
  stats: StatsJSON;
  /** False when the run was stopped before the end of the input. */
  complete: boolean;
  resumed: boolean;
}

function fingerprint(
  format: string,
  settings: CurateSettingsT,
  checks: Set<CheckName>,
  policy: string,
): string {
  const body = JSON.stringify({ format, settings, checks: [...checks].sort(), policy });
  return createHash("sha256").update(body).digest("hex").slice(0, 16);
}

export async function curateFile(options: CurateFileOptions): Promise<CurateSummary> {
  const log = options.log ?? (() => {});
  const input = resolve(options.input);
  const total = await inputSize(input);
  const paths = [input, resolve(options.out), resolve(options.rejected), resolve(options.report)];
  if (new Set(paths).size !== paths.length)
    throw new CurateError("the input, --out, --rejected and --report must be four different files");
  const checkpointPath = options.checkpoint ?? `${options.out}.checkpoint.json`;

  const policy = await loadCuratePolicy(options.policy);
  const overrides = {
    ...(options.pii !== undefined && { pii: options.pii }),
    ...(options.dedup !== undefined && { dedup: options.dedup }),
    ...(options.languages !== undefined && { languages: options.languages }),
    ...(options.nearThreshold !== undefined && { nearThreshold: options.nearThreshold }),
    ...(options.dedupWindow !== undefined && { dedupWindow: options.dedupWindow }),
  };
  const settings = effectiveSettings(policy.sections.curate, overrides);
  const checks = parseChecks(options.checks);
  const policyLabel = `${policy.loaded.policy.name}@${policy.loaded.version}`;

  let cp: Checkpoint | undefined;
  if (options.resume) {
    cp = readCheckpoint(checkpointPath);
    if (!cp) log(`no checkpoint at ${checkpointPath}: starting from the beginning`);
  }
  const adapter = cp ? formatByName(cp.format) : await chooseFormat(input, options.format, options.input);
  const print = fingerprint(adapter.name, settings, checks, policyLabel);
  if (cp) {
    const now = inputIdentity(input);
    if (now.size !== cp.input.size || now.mtimeMs !== cp.input.mtimeMs)
      throw new CurateError(
        `"${options.input}" changed since the checkpoint was written; run again without --resume`,
      );
    if (cp.fingerprint !== print)
      throw new CurateError(
        "the options or the policy differ from the interrupted run's; resume with the same ones, or run again without --resume",
      );
  }

  if (cp) {
    for (const [path, length] of [
      [options.out, cp.outputs.clean],
      [options.rejected, cp.outputs.rejected],
    ] as const) {
      let size = -1;
      try {
        size = statSync(path).size;
      } catch {
        // missing: reported below
      }
      if (size < length)
        throw new CurateError(
          `"${path}" is ${size < 0 ? "missing" : "shorter than the checkpoint recorded"}, so the run cannot resume; run again without --resume`,
        );
    }
  }

  const curator = new Curator({ policy: policy.loaded.policy, settings, checks });
  if (cp && curator.dedup.options.mode !== "off") {
    // The index holds exactly the clean output's records: rebuild it from there.
    let n = 0;
    for await (const l of readLines(options.out)) {
      if (l.start >= cp.outputs.clean) break;
      if (l.text === null || l.text.trim() === "") continue;
      const parsed = adapter.parse(JSON.parse(l.text));
      if (typeof parsed === "string") throw new CurateError(`${options.out}:${l.line}: ${parsed}`);
      curator.remember(parsed);
      n++;
    }
    log(`resuming at line ${cp.line + 1} (byte ${cp.offset}); dedup index rebuilt from ${n} kept records`);
  } else if (cp) log(`resuming at line ${cp.line + 1} (byte ${cp.offset})`);

  const clean = new OutputFile(options.out, cp?.outputs.clean);
  const rejected = new OutputFile(options.rejected, cp?.outputs.rejected);
  const stats = cp ? CurateStats.from(cp.stats) : new CurateStats();
  const identity = cp?.input ?? inputIdentity(input);
  let offset = cp?.offset ?? 0;
  let line = cp?.line ?? 0;

  const save = (): void => {
    clean.sync();
    rejected.sync();
    writeCheckpoint(checkpointPath, {
      version: 1,
      input: identity,
      fingerprint: print,
      format: adapter.name,
      offset,
      line,
      outputs: { clean: clean.length, rejected: rejected.length },
      stats: stats.toJSON(),
    });
  };
  const every = options.checkpointEvery ?? 5000;
  const everyMs = (options.checkpointSeconds ?? 5) * 1000;
  let sinceSave = 0;
  let lastSave = performance.now();
  let complete = true;

  const bad = (n: number, why: string): void => {
    stats.bad(n, why);
    options.onBadLine?.(n, why);
  };

  try {
    for await (const item of readRecords(input, adapter, { startOffset: offset, startLine: line })) {
      if (options.signal?.aborted) {
        complete = false;
        break;
      }
      if (item.ok === false) bad(item.line, item.error);
      else if (item.ok === true) {
        const outcome = curator.examine(item.parsed, item.value);
        if (outcome.action === "reject") {
          const reasons = outcome.hits.map((h) => {
            const r: Record<string, unknown> = { reason: h.reason, detail: h.detail };
            if (h.turn !== undefined) r.turn = h.turn;
            if (h.role !== undefined) r.role = h.role;
            if (h.score !== undefined) r.score = Number(h.score.toFixed(4));
            if (h.label !== undefined) r.label = h.label;
            return r;
          });
          rejected.write(JSON.stringify({ line: item.line, reasons, record: outcome.record }) + "\n");
        } else clean.write(JSON.stringify(outcome.record) + "\n");
        stats.add(outcome, item.line);
      }
      stats.bytes += item.end - item.start;
      offset = item.end;
      line = item.line;
      if (++sinceSave >= every || performance.now() - lastSave >= everyMs) {
        save();
        sinceSave = 0;
        lastSave = performance.now();
        options.onProgress?.({ bytes: offset, total, records: stats.records });
      } else if ((sinceSave & 63) === 0)
        options.onProgress?.({ bytes: offset, total, records: stats.records });
    }
    if (!complete) save();
    clean.sync();
    rejected.sync();
  } finally {
    clean.close();
    rejected.close();
  }
  options.onProgress?.({ bytes: offset, total, records: stats.records });

  const t = curator.thresholds;
  writeFileSync(
    options.report,
    renderCurateReport(stats, {
      input: options.input,
      format: adapter.name,
      clean: options.out,
      rejected: options.rejected,
      policy: policyLabel,
      checks: CHECKS.filter((c) => checks.has(c)),
      pii: checks.has("privacy")
        ? `${settings.pii} (redaction mode: ${policy.loaded.policy.redaction.mode})`
        : "not checked",
      dedup:
        !checks.has("dedup") || settings.dedup === "off"
          ? "off"
          : settings.dedup === "exact"
            ? `exact, over the latest ${settings.nearDuplicate.window} kept records at most`
            : `exact and near (similarity ≥ ${settings.nearDuplicate.threshold}), over the latest ${settings.nearDuplicate.window} kept records at most`,
      languages: checks.has("language") ? settings.languages : [],
      thresholds: {
        harm: t.harm,
        "harmful-response": t.harmfulResponse,
        "harmful-response after a harmful request": t.harmfulResponseAfterHarm,
        refusal: t.refusal,
        toxicity: t.toxicity,
        injection: t.injection,
        pii: t.pii,
        secrets: t.secrets,
      },
      index: curator.dedup.stats,
      resumed: cp !== undefined,
      complete,
    }),
  );
  if (complete) removeCheckpoint(checkpointPath);
  return { format: adapter.name, stats: stats.toJSON(), complete, resumed: cp !== undefined };
}
