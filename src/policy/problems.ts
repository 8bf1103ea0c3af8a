/**
 * Policy errors. Loading collects every problem it can find (YAML syntax, schema, semantics) and
 * throws them together, each with the YAML path and, when it came from a file, the line and column.
 */
import { isAbsolute, relative } from "node:path";

export type PathSegment = string | number;

export interface PolicyProblem {
  /** Dotted YAML path, e.g. "rules.pii.threshold" or "terms.patterns[0].pattern"; "" for the whole document. */
  path: string;
  /** 1-based line in `file`, when the problem could be placed. */
  line?: number;
  /** 1-based column in `file`. */
  column?: number;
  /** The file (absolute path), "builtin:<name>" for a built-in policy, or the caller's source label. */
  file?: string;
  message: string;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Exported so the global ReDoS test can check it. */
export const PATTERNS: readonly RegExp[] = [PLAIN_KEY];

/** ["rules", "pii", "threshold"] -> "rules.pii.threshold"; indices as [0]; odd keys quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Files under the working directory are shown relative to it, so messages stay short and clickable. */
export function displayFile(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** One line: `policy.yaml:12:5 rules.pii.threshold: Number must be less than or equal to 1`. */
export function formatProblem(p: PolicyProblem): string {
  let where = p.file !== undefined ? displayFile(p.file) : "";
  if (p.line !== undefined)
    where += `${where === "" ? "line " : ":"}${p.line}${p.column !== undefined ? `:${p.column}` : ""}`;
  const what = p.path !== "" ? `${p.path}: ${p.message}` : p.message;
  return where === "" ? what : `${where} ${what}`;
}

export class PolicyError extends Error {
  readonly problems: readonly PolicyProblem[];

  constructor(problems: readonly PolicyProblem[]) {
    const list = problems.length > 0 ? problems : [{ path: "", message: "invalid policy" }];
    const head = list.length === 1 ? "invalid policy:" : `invalid policy (${list.length} problems):`;
    super(`${head}\n${list.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "PolicyError";
    this.problems = list;
  }

  /** One line per problem, `file:line:column path: message`. */
  format(): string {
    return this.problems.map(formatProblem).join("\n");
  }
}
