/**
 * `guardstack scan FILE.jsonl [--stage S] [--out decisions.jsonl]` — streams a file of texts or chats
 * through the guard in constant memory, writes one decision per checked text, reports bad lines and goes
 * on, and ends with a summary table.
 */
import type { WriteStream } from "node:fs";
import type { Command } from "commander";
import { createGuard } from "../../guard/create-guard.js";
import type { Decision } from "../../guard/types.js";
import { openOutputStream } from "../output-file.js";
import { BadLineTracker, fileSize, readJsonl } from "../jsonl.js";
import { parseStage } from "../options.js";
import { createProgress } from "../progress.js";
import { toCheckItems, type CheckItem } from "../records.js";
import { ScanSummary } from "../summary.js";

interface ScanOptions {
  stage: string;
  policy?: string;
  out?: string;
  quiet?: boolean;
}

function record(item: CheckItem, d: Decision): Record<string, unknown> {
  const out: Record<string, unknown> = { id: item.id };
  if (item.message !== undefined) out.message = item.message;
  if (item.role) out.role = item.role;
  out.stage = d.stage;
  out.action = d.action;
  out.reasons = d.reasons.map((f) => ({
    detector: f.detector,
    category: f.category,
    label: f.label,
    score: Number(f.score.toFixed(4)),
    span: f.span,
  }));
  if (d.action === "modify") out.text = d.text;
  if (d.safeReply) out.safeReply = d.safeReply;
  if (d.failures.length > 0) out.failures = d.failures;
  out.latencyMs = Number((d.latencyMs.total ?? 0).toFixed(4));
  return out;
}

async function write(stream: WriteStream | NodeJS.WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
}

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("check every record of a JSONL file ({id, text} or {id, messages}) and write decisions")
    .argument("<file>", "JSONL input ('-' reads standard input)")
    .option(
      "-s, --stage <stage>",
      "stage for every text, or 'auto' to take it from each message's role",
      "auto",
    )
    .option("-p, --policy <policy>", "built-in policy name or YAML file", "default")
    .option("-o, --out <file>", "write decisions here as JSONL (default: standard output)")
    .option("-q, --quiet", "no summary table")
    .action(async (file: string, opts: ScanOptions) => {
      const stage = opts.stage === "auto" ? "auto" : parseStage(opts.stage);
      const total = fileSize(file);
      const guard = await createGuard({ policy: opts.policy });
      const out = opts.out ? openOutputStream(opts.out, "the decisions") : process.stdout;
      const summary = new ScanSummary();
      const progress = createProgress(total, "bytes");
      const bad = new BadLineTracker(file);
      try {
        for await (const item of readJsonl(file)) {
          progress.update(item.bytesRead, `${summary.texts} texts`);
          const items = item.ok ? toCheckItems(item.value, item.line, stage) : item.error;
          if (typeof items === "string") {
            summary.badLines++;
            bad.fail(item.line, items);
            continue;
          }
          bad.ok();
          summary.records++;
          for (const it of items) {
            const ctx = it.systemPrompt ? { systemPrompt: it.systemPrompt } : {};
            const d = await guard.check(it.stage, it.text, ctx);
            summary.add(
              d.action,
              d.reasons.map((f) => f.category),
            );
            await write(out, JSON.stringify(record(it, d)) + "\n");
          }
        }
      } finally {
        progress.stop();
        if (out !== process.stdout) await new Promise<void>((resolve) => (out as WriteStream).end(resolve));
      }
      bad.finish();
      if (!opts.quiet) console.error(summary.render());
      if (opts.out) console.error(`decisions written to ${opts.out}`);
    });
}
