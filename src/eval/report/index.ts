export {
  escapeHtml,
  escapeMarkdownCell,
  escapeTerminal,
  escapeXml,
  PATTERNS as REPORT_PATTERNS,
} from "./escape.js";
export { renderHtml, type HtmlOptions } from "./html/render.js";
export { JSON_REPORT_FORMAT, JSON_REPORT_VERSION, renderJson } from "./json.js";
export { renderJunit } from "./junit.js";
export { renderMarkdown, type MarkdownOptions } from "./markdown.js";
export { failureRows, promptOf } from "./prepare.js";
export { formatForPath, renderReport } from "./render.js";
export { renderTerminal, type TerminalOptions } from "./terminal.js";
export {
  FAILURE_LABELS,
  REPORT_FORMATS,
  type AblationRow,
  type FailureKind,
  type FailureRow,
  type ReportFormat,
  type ReportInput,
  type SweepPoint,
} from "./types.js";
export { writeReport } from "./write.js";
