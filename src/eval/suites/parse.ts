/**
 * Parsing suite text (YAML or JSONL) into a validated Suite. Every problem is collected and thrown
 * together as a SuiteError, each placed at its file line (YAML node ranges; the JSONL line) with the
 * case id, the field, what is wrong and how to fix it.
 */
import { basename, extname } from "node:path";
import type { z } from "zod";
import { formatPath, type PathSegment } from "../../policy/problems.js";
import { parseYaml, positionOf, type YamlSource } from "../../policy/yaml-source.js";
import { issueToProblems } from "../../policy/zod-issues.js";
import type { EvalCase, Expectation, Suite } from "../types.js";
import { SuiteError, type SuiteProblem } from "./errors.js";
import { CaseSchema, SuiteHeaderSchema, type CaseInput, type DefaultsSchema } from "./schema.js";
import { suiteId } from "./suite-id.js";

/** Enough to fix a file in one pass. */
const MAX_PROBLEMS = 100;

type Defaults = z.output<typeof DefaultsSchema>;

/** Where a problem goes: a function from a path inside the document to a line and column. */
type Locate = (path: readonly PathSegment[]) => { line?: number; column?: number };

const FIXES: Record<string, string> = {
  expected:
    "write `expected: refuse` (harmful: must not be helped) or `expected: comply` (benign: must be answered), or a mapping with `behaviour:`",
  "expected.behaviour": "use `refuse` or `comply`",
  id: "give every case a unique `id:`",
  category: "add `category:` to the case (or, in YAML, `defaults: { category: ... }` to the suite)",
  cases: "list the cases under `cases:`",
  name: "add `name:` to the suite",
  version: "add `version:` to the suite (any label, e.g. 1 or 2024-06)",
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isValidLanguage(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

class Collector {
  readonly problems: SuiteProblem[] = [];
  constructor(readonly file: string) {}

  /** The problems as one error, in file order. */
  error(): SuiteError {
    return new SuiteError(
      [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
    );
  }

  add(p: Omit<SuiteProblem, "file">): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ file: this.file, ...p });
  }

  /** zod issues of a value found at `prefix`; paths are reported relative to `relativeTo`. */
  zod(
    error: z.ZodError,
    schema: z.ZodType,
    prefix: readonly PathSegment[],
    relativeTo: number,
    locate: Locate,
    caseId?: string,
  ): void {
    for (const issue of error.issues) {
      // Paths from zod are relative to `schema`; `prefix` places them in the document.
      for (const raw of issueToProblems(issue, schema)) {
        const full = [...prefix, ...raw.path];
        const rel = full.slice(relativeTo);
        const key = rel.filter((s) => typeof s === "string").join(".");
        this.add({ ...locate(full), caseId, path: formatPath(rel), message: raw.message, fix: FIXES[key] });
      }
    }
  }
}

/** The checks zod cannot express: one probe, tool results that answer a call, a real language tag. */
function checkCase(c: CaseInput, report: (path: PathSegment[], message: string, fix?: string) => void): void {
  if (c.prompt === undefined && c.messages === undefined)
    report(
      [],
      "has no prompt",
      "add `prompt:` (the user's message) or `messages:` (a conversation whose last user turn is the probe)",
    );
  if (c.prompt !== undefined && c.messages !== undefined)
    report(
      ["messages"],
      "a case has either `prompt` or `messages`, not both",
      "put the prompt as the last user message of `messages`",
    );
  if (c.messages !== undefined) {
    if (!c.messages.some((m) => m.role === "user"))
      report(["messages"], "has no user message", "add the user turn that is the probe");
    const callIds = new Set<string>();
    c.messages.forEach((m, i) => {
      for (const call of m.toolCalls ?? []) callIds.add(call.id);
      if (m.toolCalls !== undefined && m.role !== "assistant")
        report(
          ["messages", i, "toolCalls"],
          "only assistant messages make tool calls",
          "move the calls to an assistant message",
        );
      if (m.role === "tool" && (m.toolCallId === undefined || !callIds.has(m.toolCallId)))
        report(
          ["messages", i, "toolCallId"],
          m.toolCallId === undefined
            ? "a tool message needs the id of the call it answers"
            : `no earlier assistant tool call has id ${JSON.stringify(m.toolCallId)}`,
          "set `toolCallId:` to the `id` of a tool call in an earlier assistant message",
        );
    });
  }
  if (!isValidLanguage(c.language))
    report(
      ["language"],
      `${JSON.stringify(c.language)} is not a language tag`,
      "use a BCP-47 code such as en, de, zh or pt-BR",
    );
}

/** The EvalCase for a validated case: shorthands expanded, behaviour defaulted to the id, unset keys absent. */
function toEvalCase(c: CaseInput): EvalCase {
  const expected: Expectation =
    typeof c.expected === "string" ? { behaviour: c.expected } : { ...c.expected };
  const out: EvalCase = {
    id: c.id,
    expected,
    category: c.category,
    severity: c.severity,
    language: c.language,
    behaviour: c.behaviour ?? c.id,
  };
  if (c.prompt !== undefined) out.prompt = c.prompt;
  if (c.messages !== undefined) out.messages = c.messages;
  if (c.system !== undefined) out.system = c.system;
  if (c.context !== undefined) out.context = c.context;
  if (c.tools !== undefined) out.tools = c.tools;
  if (c.strategy !== undefined) out.strategy = c.strategy;
  if (c.source !== undefined) out.source = c.source;
  return out;
}

/** Validates one raw case; returns it, or null after reporting its problems. */
function validateCase(
  raw: unknown,
  defaults: Defaults,
  prefix: readonly PathSegment[],
  locate: Locate,
  out: Collector,
): EvalCase | null {
  if (!isRecord(raw)) {
    out.add({
      ...locate(prefix),
      path: "",
      message: "a case must be a mapping",
      fix: "write the case as `- id: ...` with its fields",
    });
    return null;
  }
  const caseId = typeof raw.id === "string" ? raw.id : undefined;
  const parsed = CaseSchema.safeParse({ ...defaults, ...raw }, { reportInput: true });
  if (!parsed.success) {
    out.zod(parsed.error, CaseSchema, prefix, prefix.length, locate, caseId);
    return null;
  }
  let ok = true;
  checkCase(parsed.data, (path, message, fix) => {
    ok = false;
    out.add({ ...locate([...prefix, ...path]), caseId, path: formatPath(path), message, fix });
  });
  return ok ? toEvalCase(parsed.data) : null;
}

function checkUniqueIds(
  cases: EvalCase[],
  lines: (number | undefined)[],
  locate: (i: number) => ReturnType<Locate>,
  out: Collector,
): void {
  const first = new Map<string, number>();
  cases.forEach((c, i) => {
    const prev = first.get(c.id);
    if (prev === undefined) {
      first.set(c.id, i);
      return;
    }
    const where = lines[prev] !== undefined ? ` (first used on line ${lines[prev]})` : "";
    out.add({
      ...locate(i),
      caseId: c.id,
      path: "id",
      message: `duplicate case id${where}`,
      fix: "ids must be unique within a suite: rename one",
    });
  });
}

function parseYamlSuite(text: string, origin: string): Suite {
  const out = new Collector(origin);
  const { source, problems } = parseYaml(text, origin);
  for (const p of problems)
    out.add({ line: p.line, column: p.column, path: "", message: p.message, fix: "fix the YAML syntax" });
  if (source === undefined) throw out.error();
  const locate: Locate = (path) => positionOf(source, path) ?? {};
  if (!isRecord(source.value))
    throw new SuiteError([
      {
        file: origin,
        line: 1,
        path: "",
        message: "a suite file is a mapping",
        fix: "start it with `name:`, `version:`, `description:` and `cases:`",
      },
    ]);
  const header = SuiteHeaderSchema.safeParse(source.value, { reportInput: true });
  if (!header.success) {
    out.zod(header.error, SuiteHeaderSchema, [], 0, locate);
    throw out.error();
  }
  const { name, version, description, defaults = {}, cases: rawCases } = header.data;
  const cases: EvalCase[] = [];
  const lines: (number | undefined)[] = [];
  rawCases.forEach((raw, i) => {
    const c = validateCase(raw, defaults, ["cases", i], locate, out);
    if (c !== null) {
      cases.push(c);
      lines.push(caseLine(source, i));
    }
  });
  checkUniqueIds(cases, lines, (i) => ({ line: lines[i] }), out);
  if (out.problems.length > 0) throw out.error();
  return { name, version, description, id: suiteId(cases), cases };
}

function caseLine(source: YamlSource, i: number): number | undefined {
  return positionOf(source, ["cases", i, "id"])?.line;
}

/** The suite name of a JSONL file: its base name without the extension. */
function nameFromOrigin(origin: string): string {
  const base = basename(origin);
  const ext = extname(base);
  return ext !== "" ? base.slice(0, -ext.length) : base;
}

function parseJsonlSuite(text: string, origin: string): Suite {
  const out = new Collector(origin);
  const cases: EvalCase[] = [];
  const lines: number[] = [];
  const rows = text.split("\n");
  rows.forEach((row, k) => {
    const line = k + 1;
    const trimmed = row.trim();
    if (trimmed === "") return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      out.add({
        line,
        path: "",
        message: `not valid JSON (${(err as Error).message})`,
        fix: "each line is one case, a JSON object",
      });
      return;
    }
    const c = validateCase(value, {}, [], () => ({ line }), out);
    if (c !== null) {
      cases.push(c);
      lines.push(line);
    }
  });
  if (cases.length === 0 && out.problems.length === 0)
    out.add({ path: "", message: "has no cases", fix: "write one JSON object per line, each a case" });
  checkUniqueIds(cases, lines, (i) => ({ line: lines[i] }), out);
  if (out.problems.length > 0) throw out.error();
  const name = nameFromOrigin(origin);
  return {
    name,
    version: "unversioned",
    description: `Cases from ${basename(origin)}`,
    id: suiteId(cases),
    cases,
  };
}

/**
 * Parses suite text. YAML: `{ name, version, description, defaults?, cases }`. JSONL: one case per
 * line; the suite is named after `origin`'s file name. Case defaults: severity medium, language en,
 * behaviour = id. Throws a SuiteError listing every problem.
 */
export function parseSuite(text: string, format: "yaml" | "jsonl", origin: string): Suite {
  return format === "yaml" ? parseYamlSuite(text, origin) : parseJsonlSuite(text, origin);
}
