/** What every benchmark loader shares: finding its file, reading it, and building the suite. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { dataDir } from "../../bench/data-dir.js";
import { suiteId } from "../suites/suite-id.js";
import type { EvalCase, Severity, Suite } from "../types.js";

/** A public benchmark as a suite, with the benchmark's published scoring rule written down. */
export interface BenchmarkSuite extends Suite {
  benchmark: string;
  /** The published scoring rule, and how the cases' expectations follow from it. */
  scoring: string;
  /** The files the cases were read from. */
  files: string[];
  /** Per case id: the yes/no question a judge answers about the response (CyberSecEval prompt injection). */
  judgeQuestions?: Record<string, string>;
}

export interface BenchmarkInfo {
  name: string;
  /** Folder under the data dir. */
  folder: string;
  description: string;
  scoring: string;
}

export class BenchmarkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchmarkError";
  }
}

/** `path` (a file or a folder) or the benchmark's folder under the data dir, as an absolute path. */
export function benchmarkPath(info: BenchmarkInfo, path?: string): string {
  return resolve(path ?? join(dataDir(), info.folder));
}

/**
 * The file to read: `path` itself when it is a file, else `defaultFile` inside it. A missing path says
 * where it looked and how to point elsewhere.
 */
export function resolveFile(info: BenchmarkInfo, path: string, defaultFile: string): string {
  if (!existsSync(path))
    throw new BenchmarkError(
      `${info.name}: ${path} does not exist. Put the ${info.name} files there, set GUARDSTACK_DATA to the ` +
        `folder that holds ${info.folder}/, or pass the path of ${defaultFile}`,
    );
  if (statSync(path).isFile()) return path;
  const file = join(path, defaultFile);
  if (!existsSync(file))
    throw new BenchmarkError(
      `${info.name}: ${path} has no ${defaultFile}; pass the path of the file to read`,
    );
  return file;
}

export function readText(file: string): string {
  return readFileSync(file, "utf8");
}

export function readJson(info: BenchmarkInfo, file: string): unknown {
  try {
    return JSON.parse(readText(file)) as unknown;
  } catch (err) {
    throw new BenchmarkError(`${info.name}: ${file} is not valid JSON (${(err as Error).message})`);
  }
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Lower-case words joined by "-": "Hate, harassment and discrimination" -> "hate-harassment-and-discrimination". */
export function slug(text: string): string {
  let out = "";
  let dash = false;
  for (const ch of text.trim().toLowerCase()) {
    const word = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") || ch.toUpperCase() !== ch;
    if (word) {
      if (dash && out !== "") out += "-";
      out += ch;
      dash = false;
    } else dash = true;
  }
  return out === "" ? "uncategorised" : out;
}

/** "001" style numbers, so ids sort in file order. */
export function pad(n: number, width = 3): string {
  return String(n).padStart(width, "0");
}

/** The upstream commit recorded in a SOURCE.txt next to the file (the datasets README's convention). */
export function sourceVersion(file: string): string {
  // The file's folder and up to two above it (artifact files sit in <method>/<kind>/ under the set).
  const dirs = [dirname(file)];
  for (let k = 0; k < 2; k++) dirs.push(dirname(dirs[dirs.length - 1] as string));
  for (const dir of dirs) {
    const source = join(dir, "SOURCE.txt");
    if (!existsSync(source)) continue;
    for (const line of readText(source).split("\n")) {
      const t = line.trim();
      if (!t.startsWith("commit:")) continue;
      const hash = t.slice("commit:".length).trim().split(" ")[0] ?? "";
      if (hash !== "") return `commit ${hash.slice(0, 12)}`;
    }
  }
  return `file ${basename(file)}`;
}

interface CaseFields {
  id: string;
  prompt?: string;
  messages?: EvalCase["messages"];
  system?: string;
  expected: EvalCase["expected"];
  category: string;
  severity?: Severity;
  language?: string;
  behaviour?: string;
  strategy?: string;
}

export function benchmarkCase(source: string, f: CaseFields): EvalCase {
  const c: EvalCase = {
    id: f.id,
    expected: f.expected,
    category: f.category,
    severity: f.severity ?? "high",
    language: f.language ?? "en",
    behaviour: f.behaviour ?? f.id,
    source,
  };
  if (f.prompt !== undefined) c.prompt = f.prompt;
  if (f.messages !== undefined) c.messages = f.messages;
  if (f.system !== undefined) c.system = f.system;
  if (f.strategy !== undefined) c.strategy = f.strategy;
  return c;
}

export function benchmarkSuite(
  info: BenchmarkInfo,
  files: string[],
  cases: EvalCase[],
  extra: { scoring?: string; judgeQuestions?: Record<string, string> } = {},
): BenchmarkSuite {
  if (cases.length === 0) throw new BenchmarkError(`${info.name}: no cases in ${files.join(", ")}`);
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id))
      throw new BenchmarkError(`${info.name}: duplicate case id ${c.id} in ${files.join(", ")}`);
    ids.add(c.id);
  }
  const suite: BenchmarkSuite = {
    name: info.name,
    version: sourceVersion(files[0] as string),
    description: info.description,
    id: suiteId(cases),
    cases,
    benchmark: info.name,
    scoring: extra.scoring ?? info.scoring,
    files,
  };
  if (extra.judgeQuestions !== undefined) suite.judgeQuestions = extra.judgeQuestions;
  return suite;
}
