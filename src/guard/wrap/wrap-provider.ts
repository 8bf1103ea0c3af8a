/**
 * Any Provider, guarded: the input rail on the last user message and the toolResult rail on the turn's
 * tool messages before the call; the output rail on the answer and the tool rail on its tool calls
 * after it. A blocked input never reaches the model: the policy's safe reply comes back instead. When
 * streaming, text is released only after the streaming rail checked it, and tool calls follow once the
 * text is done. Every decision is attached to the result (`response.guard`, or the finish chunk's).
 *
 *   const safe = wrapProvider(guard, openAICompatibleProvider({ model: "gpt-4o-mini" }));
 *   const r = await safe.complete({ messages: [{ role: "user", content: "..." }] });
 *   r.text; r.guard.input?.action; r.guard.output?.reasons;
 */
import type {
  ChatMessage,
  ChatRequest,
  FinishReason,
  Provider,
  ToolCall,
  Usage,
} from "../../providers/types.js";
import type { JudgeCheckContext } from "../cascade/types.js";
import type { Guard } from "../create-guard.js";
import type { SessionState } from "../session/state.js";
import { guardStream } from "../streaming/guard-stream.js";
import type { Decision } from "../types.js";
import {
  allowedCalls,
  defaultWithheldNotice,
  passedText,
  runInputRails,
  runOutputRails,
  sessionFor,
  stops,
  stoppedCallReply,
  type InputRails,
} from "./rails.js";
import { readTurn, type Turn } from "./turn.js";
import type {
  GuardedChatChunk,
  GuardedChatResponse,
  GuardedProvider,
  GuardReport,
  WrapOptions,
} from "./types.js";

function safeReplyOf(d: Decision, guard: Guard): string {
  return d.safeReply ?? guard.policy.safeReply;
}

export function wrapProvider(guard: Guard, provider: Provider, options: WrapOptions = {}): GuardedProvider {
  const withheld = options.withheldToolResult ?? defaultWithheldNotice;

  function contextFor(request: ChatRequest, turn: Turn): { ctx: JudgeCheckContext; session: SessionState } {
    const given = typeof options.ctx === "function" ? options.ctx(request) : { ...options.ctx };
    const ctx: JudgeCheckContext = { ...given };
    if (ctx.systemPrompt === undefined && turn.systemPrompt !== undefined)
      ctx.systemPrompt = turn.systemPrompt;
    const session = typeof options.session === "function" ? options.session(request) : options.session;
    return { ctx, session: sessionFor(session, ctx) };
  }

  /** The request the model gets: redacted user text, checked (or withheld) tool results. */
  function rewrite(request: ChatRequest, turn: Turn, rails: InputRails): ChatRequest {
    const messages: ChatMessage[] = request.messages.slice();
    if (turn.userIndex >= 0 && turn.userText !== undefined) {
      const text = passedText(rails.input, turn.userText);
      if (text !== turn.userText) messages[turn.userIndex] = { ...messages[turn.userIndex]!, content: text };
    }
    turn.toolResults.forEach((r, i) => {
      const check = rails.toolResults[i];
      if (!check) return;
      const content = stops(check.decision) ? withheld(check) : passedText(check.decision, r.content);
      if (content !== r.content) messages[r.index] = { ...messages[r.index]!, content };
    });
    return { ...request, messages };
  }

  async function before(request: ChatRequest) {
    const turn = readTurn(request.messages);
    const { ctx, session } = contextFor(request, turn);
    const rails = await runInputRails(
      guard,
      {
        ...(turn.userText !== undefined ? { userText: turn.userText } : {}),
        newTurn: turn.newTurn,
        toolResults: turn.toolResults,
      },
      session,
      ctx,
    );
    const report: GuardReport = { toolResults: rails.toolResults, toolCalls: [] };
    if (rails.input) report.input = rails.input;
    // The judge (if the guard cascades) reads the user message an answer replies to, as the model saw it.
    const outCtx: JudgeCheckContext =
      turn.userText !== undefined ? { ...ctx, prompt: passedText(rails.input, turn.userText) } : ctx;
    return { turn, ctx: outCtx, session, rails, report };
  }

  async function complete(request: ChatRequest): Promise<GuardedChatResponse> {
    const { turn, ctx, session, rails, report } = await before(request);
    if (rails.blocked) {
      report.blockedAt = "input";
      return {
        text: safeReplyOf(rails.blocked, guard),
        toolCalls: [],
        finishReason: "content_filter",
        guard: report,
      };
    }
    const response = await provider.complete(rewrite(request, turn, rails));
    const out = await runOutputRails(guard, response.text, response.toolCalls, session, ctx);
    if (out.output) report.output = out.output;
    report.toolCalls = out.toolCalls;
    if (out.blocked) {
      report.blockedAt = "output";
      return {
        ...response,
        text: safeReplyOf(out.blocked, guard),
        toolCalls: [],
        finishReason: "content_filter",
        guard: report,
      };
    }
    const toolCalls = allowedCalls(response.toolCalls, out.toolCalls);
    let text = passedText(out.output, response.text);
    let finishReason: FinishReason = response.finishReason;
    if (toolCalls.length < response.toolCalls.length) {
      finishReason = toolCalls.length > 0 ? "tool_calls" : "content_filter";
      if (toolCalls.length === 0 && text === "")
        text = stoppedCallReply(out.toolCalls, guard.policy.safeReply);
    }
    return { ...response, text, toolCalls, finishReason, guard: report };
  }

  async function* stream(request: ChatRequest): AsyncGenerator<GuardedChatChunk> {
    const { turn, ctx, session, rails, report } = await before(request);
    if (rails.blocked) {
      report.blockedAt = "input";
      yield { type: "text", delta: safeReplyOf(rails.blocked, guard) };
      yield { type: "finish", finishReason: "content_filter", guard: report };
      return;
    }
    const calls: ToolCall[] = [];
    let finish: { finishReason: FinishReason; usage?: Usage } | undefined;
    const source = provider.stream(rewrite(request, turn, rails));
    // A provider error is the caller's to handle (not a policy verdict): it is rethrown, after the
    // streaming rail has released nothing unchecked.
    let sourceError: { error: unknown } | undefined;
    async function* texts(): AsyncGenerator<string> {
      try {
        for await (const chunk of source) {
          if (chunk.type === "text") yield chunk.delta;
          else if (chunk.type === "tool-call") calls.push(chunk.call);
          else
            finish = chunk.usage
              ? { finishReason: chunk.finishReason, usage: chunk.usage }
              : { finishReason: chunk.finishReason };
        }
      } catch (error) {
        sourceError = { error };
        throw error;
      }
    }

    let released = false;
    let blocked: Decision | undefined;
    for await (const ev of guardStream(guard, texts(), { ...options.stream, stage: "output", ctx })) {
      if (ev.type === "text") {
        released = true;
        yield { type: "text", delta: ev.text };
      } else if (ev.type === "end") {
        report.output = ev.decision;
      } else {
        if (sourceError) throw sourceError.error;
        report.output = ev.decision;
        blocked = ev.decision;
        // Text already released stays shown; the safe reply follows it.
        yield { type: "text", delta: `${released ? "\n\n" : ""}${ev.safeReply}` };
      }
    }
    const usage = finish?.usage ? { usage: finish.usage } : {};
    if (blocked) {
      report.blockedAt = "output";
      yield { type: "finish", finishReason: "content_filter", ...usage, guard: report };
      return;
    }
    const out = await runOutputRails(guard, "", calls, session, ctx);
    report.toolCalls = out.toolCalls;
    const allowed = allowedCalls(calls, out.toolCalls);
    for (const call of allowed) yield { type: "tool-call", call };
    let finishReason: FinishReason = finish?.finishReason ?? "stop";
    if (allowed.length < calls.length) {
      finishReason = allowed.length > 0 ? "tool_calls" : "content_filter";
      if (allowed.length === 0 && !released)
        yield { type: "text", delta: stoppedCallReply(out.toolCalls, guard.policy.safeReply) };
    }
    yield { type: "finish", finishReason, ...usage, guard: report };
  }

  return { name: options.name ?? `guarded:${provider.name}`, inner: provider, complete, stream };
}
