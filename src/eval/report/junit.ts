import type { CaseResult } from "../types.js";
import { escapeXml as x, oneLine, truncate } from "./escape.js";
import { failureRows, statsOf, titleOf } from "./prepare.js";
import { FAILURE_LABELS, type FailureRow, type ReportInput } from "./types.js";

/** The body of a failure: everything a CI reader needs to see why, without the raw result JSON. */
function failureBody(f: FailureRow): string {
  const lines = [
    `expected: ${f.expected}`,
    `category: ${f.category}  severity: ${f.severity}  language: ${f.language}  strategy: ${f.strategy || "(seed)"}`,
    `stopped by: ${f.stoppedBy}`,
  ];
  if (f.prompt !== undefined) lines.push("", "prompt:", truncate(f.prompt, 4000));
  if (f.output !== undefined) lines.push("", "output:", truncate(f.output, 4000));
  lines.push("", `detail: ${f.detail}`);
  return lines.join("\n");
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

function testcase(r: CaseResult, f: FailureRow | undefined): string {
  const name = r.strategy ? `${r.caseId} [${r.strategy}]` : r.caseId;
  const open = `    <testcase classname="${x(`${r.suiteId}.${r.category}`)}" name="${x(name)}" time="${seconds(r.output?.latencyMs)}"`;
  if (!f) return `${open}/>`;
  const tag = f.kind === "error" ? "error" : "failure";
  const message = `${FAILURE_LABELS[f.kind]}: ${truncate(oneLine(f.detail), 200)}`;
  return `${open}>\n      <${tag} message="${x(message)}" type="${f.kind}">${x(failureBody(f))}</${tag}>\n    </testcase>`;
}

/**
 * JUnit XML for CI test views: one <testsuite> per eval suite, one <testcase> per case result (named by
 * case id and strategy), a <failure> for an attack that succeeded, an over-refusal or another failed
 * expectation, and an <error> for a case that errored.
 */
export function renderJunit(input: ReportInput): string {
  const stats = statsOf(input);
  const failures = failureRows(input);
  const bySuite = new Map<string, Array<{ r: CaseResult; f: FailureRow | undefined }>>();
  let fi = 0;
  // failureRows keeps run order, so results and failure rows can be zipped in one pass.
  for (const r of input.run.results) {
    const f = r.outcome === "pass" ? undefined : failures[fi++];
    const list = bySuite.get(r.suiteId);
    if (list) list.push({ r, f });
    else bySuite.set(r.suiteId, [{ r, f }]);
  }
  const total = input.run.results.length;
  const nErrors = failures.filter((f) => f.kind === "error").length;
  const nFailures = failures.length - nErrors;
  const totalTime = input.run.results.reduce((s, r) => s + (r.output?.latencyMs ?? 0), 0);
  const suites: string[] = [];
  for (const [suiteId, items] of bySuite) {
    const e = items.filter((i) => i.f?.kind === "error").length;
    const fl = items.filter((i) => i.f && i.f.kind !== "error").length;
    const time = items.reduce((s, i) => s + (i.r.output?.latencyMs ?? 0), 0);
    suites.push(
      `  <testsuite name="${x(suiteId)}" tests="${items.length}" failures="${fl}" errors="${e}" skipped="0" ` +
        `time="${seconds(time)}" timestamp="${x(input.run.startedAt)}">\n` +
        `    <properties>\n` +
        `      <property name="target" value="${x(stats.target)}"/>\n` +
        `      <property name="runId" value="${x(stats.runId)}"/>\n` +
        `      <property name="asr" value="${stats.asr.rate}"/>\n` +
        `      <property name="overRefusal" value="${stats.overRefusal.rate}"/>\n` +
        `    </properties>\n` +
        items.map((i) => testcase(i.r, i.f)).join("\n") +
        (items.length > 0 ? "\n" : "") +
        `  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${x(titleOf(input))}" tests="${total}" failures="${nFailures}" errors="${nErrors}" time="${seconds(totalTime)}">\n` +
    suites.join("\n") +
    (suites.length > 0 ? "\n" : "") +
    `</testsuites>\n`
  );
}
