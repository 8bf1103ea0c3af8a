/**
 * `guardstack report RUN [--format html|md|json|junit|terminal|run] [--out FILE]` — renders a stored run
 * (a run id, "latest", "latest~N", "previous", or a JSON report or run file) again, in any format; "run"
 * writes the run itself with every result. The run's threshold sweep, when it has one, is in the report.
 * Without --format the format follows the --out file's extension, and is the terminal summary without
 * --out (HTML on a terminal helps nobody).
 */
import type { Command } from "commander";
import { renderReport, writeReport } from "../../eval/report/index.js";
import type { ReportFormat } from "../../eval/report/types.js";
import { writeRunFile } from "../../eval/runner/reports.js";
import { firstLine } from "../../eval/runner/setup.js";
import { DEFAULT_DB_PATH, EvalStore } from "../../eval/store/eval-store.js";
import { loadRunRef } from "../../eval/store/run-ref.js";
import { UserError } from "../errors.js";

const FORMATS: Record<string, ReportFormat | "run"> = {
  html: "html",
  md: "markdown",
  markdown: "markdown",
  json: "json",
  junit: "junit",
  xml: "junit",
  terminal: "terminal",
  text: "terminal",
  run: "run",
};

/** The format a file's extension implies. */
const BY_EXTENSION: Record<string, ReportFormat | "run"> = {
  html: "html",
  htm: "html",
  md: "markdown",
  markdown: "markdown",
  json: "json",
  xml: "junit",
  txt: "terminal",
};

function formatFor(flags: ReportFlags): ReportFormat | "run" {
  if (flags.format !== undefined) {
    const format = FORMATS[flags.format.toLowerCase()];
    if (format === undefined)
      throw new UserError(
        `unknown format "${flags.format}": use one of html, md, json, junit, terminal, run`,
      );
    return format;
  }
  if (flags.out === undefined) return "terminal";
  const dot = flags.out.lastIndexOf(".");
  const ext = dot > flags.out.lastIndexOf("/") ? flags.out.slice(dot + 1).toLowerCase() : "";
  const format = BY_EXTENSION[ext];
  if (format === undefined)
    throw new UserError(
      `cannot tell the format from "${flags.out}": give --format (html, md, json, junit, terminal, run) or use a .html, .md, .json, .xml or .txt name`,
    );
  return format;
}

interface ReportFlags {
  format?: string;
  out?: string;
  db: string;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("render a stored eval run as HTML, Markdown, JSON, JUnit or text")
    .argument("<run>", "run id, latest, latest~N, previous, or a JSON report or run file")
    .option(
      "-f, --format <format>",
      "html, md, json, junit, terminal, or run (the raw results); default: from the --out file's extension, else terminal",
    )
    .option("-o, --out <file>", "write here (default: standard output)")
    .option("--db <file>", "results store (SQLite)", DEFAULT_DB_PATH)
    .action(async (ref: string, flags: ReportFlags) => {
      const format = formatFor(flags);
      let store: EvalStore | undefined;
      try {
        const run = await loadRunRef(ref, async () => (store ??= await EvalStore.open(flags.db)));
        const input = { run };
        if (flags.out === undefined) {
          process.stdout.write(
            format === "run" ? `${JSON.stringify(run, null, 2)}\n` : renderReport(input, format),
          );
          return;
        }
        if (format === "run") await writeRunFile(run, flags.out);
        else await writeReport(input, flags.out, format);
        process.stderr.write(`wrote ${flags.out}\n`);
      } catch (err) {
        if (err instanceof UserError) throw err;
        throw new UserError(firstLine(err));
      } finally {
        await store?.close();
      }
    });
}
