/** A whole (non-streamed) chat completion: forward, run the output and tool rails, answer in OpenAI's format. */
import type { ChatResponse } from "../../providers/types.js";
import { releasedText } from "../runtime/escalations.js";
import { runOutputRail, toolSummary } from "./output-rail.js";
import { stageSummary } from "./summary.js";
import {
  chargeOutputLater,
  settleStop,
  settleToolStops,
  upstreamFailure,
  type ChatTurn,
  type StopOutcome,
} from "./turn.js";
import { jsonReply, type ChatReply } from "./reply.js";
import { completionBody, completionId, wireFinishReason } from "./wire.js";

/** The safe reply as a normal completion with finish_reason "content_filter". */
export function refusalResponse(
  turn: ChatTurn,
  stop: Extract<StopOutcome, { refuse: true }>,
  usage?: ChatResponse["usage"],
): ChatReply {
  turn.report.blocked = { stage: stop.stage, layer: stop.layer };
  return jsonReply(
    completionBody({
      id: completionId(),
      created: Math.floor(Date.now() / 1000),
      model: turn.model,
      text: stop.safeReply,
      toolCalls: [],
      finishReason: "content_filter",
      ...(usage ? { usage } : {}),
      guardstack: turn.report,
    }),
  );
}

export async function completeChat(turn: ChatTurn): Promise<ChatReply> {
  const { state, guard } = turn;
  let response: ChatResponse;
  try {
    response = await state.provider.complete(turn.upstreamRequest);
  } catch (err) {
    throw upstreamFailure(state, err, turn.upstreamRequest.signal);
  }
  const out = await runOutputRail(guard, response.text, response.toolCalls, turn.session, turn.rail.ctx);
  if (out.output) {
    state.metrics.observeDecision(out.output);
    turn.report.output = stageSummary(out.output);
  }
  for (const t of out.tools) if (t.stage) state.metrics.observeDecision(t.stage);
  if (out.tools.length > 0) turn.report.toolCalls = out.tools.map(toolSummary);

  let text = out.text;
  if (out.stopOutput) {
    const stop = await settleStop(turn, out.stopOutput, response.text);
    if (stop.refuse) {
      chargeOutputLater(turn, response.usage, response.text);
      return refusalResponse(turn, stop, response.usage);
    }
    text = releasedText(response.text, out.stopOutput, guard.policy); // released by a reviewer
  }
  if (out.stopTools.length > 0) {
    const stop = await settleToolStops(turn, out.stopTools);
    if (stop.refuse) {
      chargeOutputLater(turn, response.usage, response.text);
      return refusalResponse(turn, stop, response.usage);
    }
  }
  chargeOutputLater(turn, response.usage, response.text);
  return jsonReply(
    completionBody({
      id: completionId(),
      created: Math.floor(Date.now() / 1000),
      model: response.model ?? turn.model,
      text,
      toolCalls: out.toolCalls,
      finishReason: wireFinishReason(response.finishReason),
      ...(response.usage ? { usage: response.usage } : {}),
      guardstack: turn.report,
    }),
  );
}
