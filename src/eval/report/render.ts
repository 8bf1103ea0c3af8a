import { renderHtml } from "./html/render.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderTerminal } from "./terminal.js";
import type { ReportFormat, ReportInput } from "./types.js";

/** Renders a report in one format; the terminal format follows the TTY for colour. */
export function renderReport(input: ReportInput, format: ReportFormat): string {
  switch (format) {
    case "terminal":
      return renderTerminal(input);
    case "json":
      return renderJson(input);
    case "markdown":
      return renderMarkdown(input);
    case "junit":
      return renderJunit(input);
    case "html":
      return renderHtml(input);
  }
}

/** The format a file name asks for, by extension; undefined when it says nothing. */
export function formatForPath(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".html") || lower.endsWith(".htm")) return "html";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  if (lower.endsWith(".xml")) return "junit";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".txt")) return "terminal";
  return undefined;
}
