import type { CodeScan } from "./code-scan.js";
import type { CodeHit, Severity } from "./rule-types.js";
import { snippet } from "./rule-types.js";

/** Records a rule's match, unless the scan already holds its cap of hits for that label. */
export function hit(
  out: CodeHit[],
  scan: CodeScan,
  label: string,
  start: number,
  end: number,
  severity: Severity,
  what: string,
): void {
  if (scan.allowHit(label))
    out.push({ label, start, end, severity, evidence: `${what}: ${snippet(scan.text, start, end)}` });
}
