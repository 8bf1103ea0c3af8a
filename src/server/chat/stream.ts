/**
 * A streamed chat completion (SSE, OpenAI's chunk format) through the streaming output rail: upstream
 * text is released only after it has been checked (held back until a sentence end or the hold window
 * fills; see StreamGuard). A violation ends the stream with the safe reply and finish_reason
 * "content_filter"; nothing of the violating text is sent. Tool calls arrive whole at the end and go
 * through the tool rail before they are sent.
 *
 * The response starts only once the upstream has sent its first chunk, so a failure to reach it is
 * still an HTTP error. A failure after that ends the stream with an error event (OpenAI's SDKs raise
 * it), and the text still held is dropped.
 */
import { StreamGuard, type StreamEvent } from "../../guard/streaming/index.js";
import type { ChatChunk, FinishReason, ToolCall, Usage } from "../../providers/types.js";
import { toHttpError } from "../http/openai-error.js";
import { checkToolCalls, toolSummary } from "./output-rail.js";
import { stageSummary } from "./summary.js";
import {
  CLIENT_GONE,
  chargeOutputLater,
  settleStop,
  settleToolStops,
  upstreamFailure,
  type ChatTurn,
} from "./turn.js";
import { SSE_HEADERS, type ChatReply } from "./reply.js";
import { ChunkWriter, completionId, wireFinishReason } from "./wire.js";

/** A refusal before anything was streamed: the safe reply as a short, complete stream. */
export function refusalStream(turn: ChatTurn, safeReply: string): ChatReply {
  const w = new ChunkWriter(completionId(), Math.floor(Date.now() / 1000), turn.model, turn.includeUsage);
  const body =
    w.role() + w.content(safeReply) + w.finish("content_filter", turn.report) + w.usage(undefined) + w.done();
  return { status: 200, headers: SSE_HEADERS, body };
}

export async function streamChat(turn: ChatTurn): Promise<ChatReply> {
  const upstream = turn.state.provider.stream(turn.upstreamRequest)[Symbol.asyncIterator]();
  let first: IteratorResult<ChatChunk>;
  try {
    first = await upstream.next();
  } catch (err) {
    throw upstreamFailure(turn.state, err, turn.upstreamRequest.signal);
  }
  return { status: 200, headers: SSE_HEADERS, events: events(turn, upstream, first) };
}

async function* events(
  turn: ChatTurn,
  upstream: AsyncIterator<ChatChunk>,
  first: IteratorResult<ChatChunk>,
): AsyncGenerator<string, void, undefined> {
  const { state, guard, report } = turn;
  const w = new ChunkWriter(completionId(), Math.floor(Date.now() / 1000), turn.model, turn.includeUsage);
  const rail = new StreamGuard(guard, { ...state.streamOptions, ctx: turn.rail.ctx });
  let raw = "";
  let released = false;
  const calls: ToolCall[] = [];
  let finishReason: FinishReason = "stop";
  let usage: Usage | undefined;
  let exhausted = false;

  /** The end of a stream the guard stopped: the safe reply, content_filter, and the report. */
  function* refuse(safeReply: string, stage: ChatTurn["report"]["blocked"]): Generator<string> {
    if (stage) report.blocked = stage;
    state.metrics.streamCut(stage?.stage ?? "output");
    yield w.content((released ? "\n\n" : "") + safeReply);
    yield w.finish("content_filter", report);
    yield w.usage(usage);
    yield w.done();
  }

  /** Handles the rail's events; returns false when the stream was stopped. */
  async function* forward(evs: StreamEvent[]): AsyncGenerator<string, boolean> {
    for (const ev of evs) {
      if (ev.type === "text") {
        released = true;
        yield w.content(ev.text);
      } else if (ev.type === "end") {
        state.metrics.observeDecision(ev.decision);
        report.output = stageSummary(ev.decision);
      } else {
        state.metrics.observeDecision(ev.decision);
        report.output = stageSummary(ev.decision);
        const stop = await settleStop(turn, ev.decision, raw, { noWait: true });
        const reply = stop.refuse ? stop.safeReply : ev.safeReply;
        yield* refuse(reply, { stage: ev.decision.stage, layer: ev.decision.layer });
        return false;
      }
    }
    return true;
  }

  try {
    yield w.role();
    let step = first;
    while (!step.done) {
      const chunk = step.value;
      if (chunk.type === "text") {
        raw += chunk.delta;
        if (!(yield* forward(await rail.push(chunk.delta)))) return;
      } else if (chunk.type === "tool-call") {
        calls.push(chunk.call);
      } else {
        finishReason = chunk.finishReason;
        if (chunk.usage) usage = chunk.usage;
      }
      try {
        step = await upstream.next();
      } catch (err) {
        exhausted = true;
        const e = upstreamFailure(state, err, turn.upstreamRequest.signal);
        if (e !== CLIENT_GONE) yield w.error(e.message, e.type, e.code ?? "upstream_error");
        return;
      }
    }
    exhausted = true;
    if (!(yield* forward(await rail.end()))) return;

    const tools = await checkToolCalls(guard, calls, turn.session, turn.rail.ctx);
    for (const t of tools) if (t.stage) state.metrics.observeDecision(t.stage);
    if (tools.length > 0) report.toolCalls = tools.map(toolSummary);
    const stops = tools.filter((t) => t.action !== "allow");
    if (stops.length > 0) {
      const stop = await settleToolStops(turn, stops, { noWait: true });
      if (stop.refuse) {
        yield* refuse(stop.safeReply, { stage: stop.stage, layer: stop.layer });
        return;
      }
    }
    if (calls.length > 0)
      yield w.toolCalls(calls.map((c, i) => ({ ...c, arguments: tools[i]?.arguments ?? c.arguments })));
    yield w.finish(wireFinishReason(finishReason), report);
    yield w.usage(usage);
    yield w.done();
  } catch (err) {
    // A failure of the proxy itself mid-stream: fail closed, with an error event the client's SDK raises.
    state.logger.error({ err }, "stream failed");
    const e = toHttpError(err);
    yield w.error(e.message, e.type, e.code ?? "internal_error");
  } finally {
    // Stopped early (violation, client gone): cancel the upstream so it stops generating.
    if (!exhausted) await upstream.return?.(undefined)?.catch(() => undefined);
    chargeOutputLater(turn, usage, raw);
  }
}
