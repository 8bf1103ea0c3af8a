/**
 * The guard report as JSON provider metadata (`providerMetadata.guardstack`), which the AI SDK carries
 * to `generateText`/`streamText` results: each rail's action, layer and reasons. The full decisions
 * (with spans, latency, the vault) go to the middleware's `onReport` callback.
 */
import type { JSONObject, JSONValue } from "@ai-sdk/provider";
import type { Finding } from "../../detectors/types.js";
import type { GuardReport } from "../../guard/wrap/types.js";
import type { Decision } from "../../guard/types.js";

function finding(f: Finding): JSONObject {
  const o: JSONObject = { detector: f.detector, category: f.category, score: f.score };
  if (f.label !== undefined) o.label = f.label;
  return o;
}

function decision(d: Decision): JSONObject {
  return { action: d.action, layer: d.layer, reasons: d.reasons.map(finding) };
}

export function reportMetadata(report: GuardReport): JSONObject {
  const o: JSONObject = {
    toolResults: report.toolResults.map((c): JSONValue => ({
      tool: c.tool,
      action: c.decision.action,
      tainted: c.tainted,
    })),
    toolCalls: report.toolCalls.map((d): JSONValue => ({
      tool: d.tool,
      callId: d.callId,
      action: d.action,
      reasons: d.reasons.map((r): JSONValue => ({ kind: r.kind, action: r.action, message: r.message })),
    })),
  };
  if (report.input) o.input = decision(report.input);
  if (report.output) o.output = decision(report.output);
  if (report.blockedAt) o.blockedAt = report.blockedAt;
  return o;
}
