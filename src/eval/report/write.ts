import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { renderTerminal } from "./terminal.js";
import { formatForPath, renderReport } from "./render.js";
import type { ReportFormat, ReportInput } from "./types.js";

/**
 * Writes a report file, creating its directory. The format is given or taken from the extension
 * (.html, .md, .xml for JUnit, .json, .txt); a terminal report written to a file never has colours.
 */
export async function writeReport(
  input: ReportInput,
  path: string,
  format?: ReportFormat,
): Promise<ReportFormat> {
  const chosen = format ?? formatForPath(path);
  if (!chosen)
    throw new Error(
      `cannot tell the report format from "${path}": use .html, .md, .xml (JUnit), .json or .txt, or name the format`,
    );
  const text = chosen === "terminal" ? renderTerminal(input, { color: false }) : renderReport(input, chosen);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, "utf8");
  return chosen;
}
