/** The human form of a decision, for `guardstack check`. */
import type { Finding } from "../detectors/types.js";
import type { Decision } from "../guard/types.js";

function ms(v: number | undefined): string {
  return v === undefined ? "-" : v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(2)} ms`;
}

function findingLine(f: Finding, action?: string): string {
  const what = `${f.category}${f.label ? `/${f.label}` : ""}`;
  const where = f.span ? ` [${f.span[0]},${f.span[1]})` : "";
  const view = f.view && f.view !== "raw" ? ` via ${f.view}` : "";
  const ev = f.evidence ? ` — ${f.evidence}` : "";
  return `  ${what.padEnd(34)} ${f.score.toFixed(2)}${where}${view}${ev}${action ? `  → ${action}` : ""}`;
}

export function formatDecision(d: Decision): string {
  const out: string[] = [];
  out.push(
    `${d.action.toUpperCase()} at ${d.stage} (${d.layer}; policy ${d.policy.name}@${d.policy.version})`,
  );
  if (d.reasons.length > 0) {
    out.push("reasons:");
    for (const f of d.reasons) out.push(findingLine(f, d.ruleActions[f.category]));
  }
  const others = d.findings.filter((f) => !d.reasons.includes(f));
  if (others.length > 0) {
    out.push("other findings (under threshold or allowed):");
    for (const f of others) out.push(findingLine(f));
  }
  for (const e of d.exemptions)
    out.push(`allowed as a ${e.transformation} request:${findingLine(e.finding)}`);
  for (const f of d.failures)
    out.push(`detector ${f.kind}: ${f.detector}: ${f.message}${f.failedClosed ? " (failed closed)" : ""}`);
  if (d.truncated) out.push("note: text was truncated to the policy's size limit before checking");
  if (d.action === "modify" && d.text !== undefined) out.push(`modified text: ${d.text}`);
  if (d.safeReply) out.push(`safe reply: ${d.safeReply}`);
  const perDetector = Object.entries(d.latencyMs)
    .filter(([k]) => k !== "total")
    .map(([k, v]) => `${k} ${ms(v)}`)
    .join(", ");
  out.push(`latency: ${ms(d.latencyMs.total)} (${perDetector})`);
  return out.join("\n");
}
