/** Writes the report files a run asked for (HTML, JSON, Markdown, JUnit, or the raw run), each format by its flag. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { writeReport } from "../report/index.js";
import type { ReportFormat, ReportInput } from "../report/types.js";
import type { RunSummary } from "../types.js";

export interface ReportTargets {
  html?: string;
  json?: string;
  markdown?: string;
  junit?: string;
  /** The RunSummary itself (every result), which `compare` can read back. */
  run?: string;
}

/** The run as JSON: every case result, for archiving and for `guardstack compare a.json b.json`. */
export async function writeRunFile(run: RunSummary, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(run, null, 2)}\n`, "utf8");
}

/** Writes each requested file; returns what was written, as [format, path]. */
export async function writeReports(
  input: ReportInput,
  targets: ReportTargets,
): Promise<Array<[string, string]>> {
  const written: Array<[string, string]> = [];
  const formats: Array<[keyof ReportTargets, ReportFormat]> = [
    ["html", "html"],
    ["json", "json"],
    ["markdown", "markdown"],
    ["junit", "junit"],
  ];
  for (const [key, format] of formats) {
    const path = targets[key];
    if (path === undefined) continue;
    await writeReport(input, path, format);
    written.push([format, path]);
  }
  if (targets.run !== undefined) {
    await writeRunFile(input.run, targets.run);
    written.push(["run", targets.run]);
  }
  return written;
}
