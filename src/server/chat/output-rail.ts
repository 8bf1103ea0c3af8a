/**
 * The proxy's output rail for a whole (non-streamed) response: the answer text through the output
 * stage (redacted where the policy redacts), then each tool call the model made through the tool
 * rail, in the session the input rail tainted. The model planned its tool calls together, so if the
 * policy stops any one of them, none is passed on: the response becomes the safe reply.
 */
import type { Guard } from "../../guard/create-guard.js";
import type { SessionState } from "../../guard/session/index.js";
import { checkToolCall, type ToolDecision } from "../../guard/tools/index.js";
import type { CheckContext, Decision } from "../../guard/types.js";
import type { ToolCall } from "../../providers/types.js";
import type { ToolSummary } from "./summary.js";

export interface OutputRailResult {
  text: string;
  toolCalls: ToolCall[];
  output?: Decision;
  tools: ToolDecision[];
  /** The output decision that stops the response (block or escalate). */
  stopOutput?: Decision;
  /** The tool decisions that stop it. */
  stopTools: ToolDecision[];
}

export async function runOutputRail(
  guard: Guard,
  text: string,
  calls: readonly ToolCall[],
  session: SessionState,
  ctx: CheckContext,
): Promise<OutputRailResult> {
  const result: OutputRailResult = { text, toolCalls: [], tools: [], stopTools: [] };
  if (text !== "") {
    const d = await guard.checkOutput(text, ctx);
    result.output = d;
    if (d.action === "block" || d.action === "escalate") result.stopOutput = d;
    else if (d.action === "modify" && d.text !== undefined) result.text = d.text;
  }
  const tools = await checkToolCalls(guard, calls, session, ctx);
  result.tools = tools;
  result.stopTools = tools.filter((t) => t.action !== "allow");
  result.toolCalls = calls.map((c, i) => ({ ...c, arguments: tools[i]?.arguments ?? c.arguments }));
  return result;
}

/** Each call through the tool rail, in order (a rate limit counts them one by one). */
export async function checkToolCalls(
  guard: Guard,
  calls: readonly ToolCall[],
  session: SessionState,
  ctx: CheckContext,
): Promise<ToolDecision[]> {
  const out: ToolDecision[] = [];
  for (const call of calls) out.push(await checkToolCall(guard, call, session, { ctx }));
  return out;
}

export function toolSummary(t: ToolDecision): ToolSummary {
  return { tool: t.tool, callId: t.callId, action: t.action, reasons: t.reasons.map((r) => r.message) };
}
