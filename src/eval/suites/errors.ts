/**
 * Suite errors. Parsing collects every problem it finds and throws them together; each says where
 * (file, line, case id, field), what is wrong, and how to fix it.
 */
import { displayFile } from "../../policy/problems.js";

export interface SuiteProblem {
  /** The file, or the caller's origin label. */
  file: string;
  /** 1-based line, when the problem could be placed. */
  line?: number;
  column?: number;
  /** The id of the case the problem is in, when known. */
  caseId?: string;
  /** Dotted path inside the case (or the suite), e.g. "expected.behaviour"; "" for the whole thing. */
  path: string;
  message: string;
  /** How to fix it, when there is more to say than the message. */
  fix?: string;
}

/** One line: `suites/my.yaml:14:7 case "jb-03" expected.behaviour: ... — fix`. */
export function formatSuiteProblem(p: SuiteProblem): string {
  let where = displayFile(p.file);
  if (p.line !== undefined) where += `:${p.line}${p.column !== undefined ? `:${p.column}` : ""}`;
  const parts = [where];
  if (p.caseId !== undefined) parts.push(`case ${JSON.stringify(p.caseId)}`);
  const what = p.path !== "" ? `${p.path}: ${p.message}` : p.message;
  parts.push(p.fix !== undefined ? `${what} — ${p.fix}` : what);
  return parts.join(" ");
}

export class SuiteError extends Error {
  readonly problems: readonly SuiteProblem[];

  constructor(problems: readonly SuiteProblem[]) {
    const list = problems.length > 0 ? problems : [{ file: "<suite>", path: "", message: "invalid suite" }];
    const head = list.length === 1 ? "invalid suite:" : `invalid suite (${list.length} problems):`;
    super(`${head}\n${list.map((p) => `  ${formatSuiteProblem(p)}`).join("\n")}`);
    this.name = "SuiteError";
    this.problems = list;
  }

  /** One line per problem. */
  format(): string {
    return this.problems.map(formatSuiteProblem).join("\n");
  }
}
