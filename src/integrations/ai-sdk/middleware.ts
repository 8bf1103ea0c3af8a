/**
 * Vercel AI SDK middleware (LanguageModelV3Middleware, `ai` v6):
 *
 *   const model = wrapLanguageModel({ model: openai("gpt-4o-mini"), middleware: guardMiddleware(guard) });
 *   const { text, providerMetadata } = await generateText({ model, prompt: "..." });
 *   providerMetadata?.guardstack; // each rail's action and reasons
 *
 * `transformParams` runs the input rails (last user message, the turn's tool results) and rewrites the
 * prompt with what they pass on; a blocked input is remembered for that call, and `wrapGenerate` /
 * `wrapStream` then answer with the safe reply without calling the model. After the call, the output
 * rail checks the text (in a stream, through the streaming rail: only checked text is released) and the
 * tool rail each tool call.
 */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3ToolCall,
} from "@ai-sdk/provider";
import type { JudgeCheckContext } from "../../guard/cascade/types.js";
import type { Guard } from "../../guard/create-guard.js";
import type { SessionState } from "../../guard/session/state.js";
import type { StreamGuardOptions } from "../../guard/streaming/types.js";
import type { ToolResultCheck } from "../../guard/tools/types.js";
import {
  allowedCalls,
  defaultWithheldNotice,
  passedText,
  runInputRails,
  runOutputRails,
  sessionFor,
  stoppedCallReply,
  type InputRails,
} from "../../guard/wrap/rails.js";
import type { GuardReport } from "../../guard/wrap/types.js";
import { readPromptTurn, rewritePrompt } from "./prompt.js";
import { CONTENT_FILTER, EMPTY_USAGE, guardStreamParts, withReport } from "./stream-parts.js";

export interface GuardMiddlewareOptions {
  /** Facts for the detectors, fixed or per call; the system messages are the default `systemPrompt`. */
  ctx?: JudgeCheckContext | ((params: LanguageModelV3CallOptions) => JudgeCheckContext);
  /** Conversation state (turns, taint, risk), fixed or per call; default a fresh session per call. */
  session?: SessionState | ((params: LanguageModelV3CallOptions) => SessionState | undefined);
  stream?: Omit<StreamGuardOptions, "ctx" | "stage">;
  /** Reasoning is model output the guard does not check: dropped by default, or passed on unchecked. */
  reasoning?: "drop" | "pass";
  /** Receives the full report (decisions with spans, latency, vault) once per call. */
  onReport?: (report: GuardReport) => void;
  withheldToolResult?: (check: ToolResultCheck) => string;
}

interface CallState {
  rails: InputRails;
  report: GuardReport;
  ctx: JudgeCheckContext;
  session: SessionState;
}

export function guardMiddleware(
  guard: Guard,
  options: GuardMiddlewareOptions = {},
): LanguageModelV3Middleware {
  // Keyed by the params object transformParams returns, which the SDK hands to wrapGenerate/wrapStream.
  const calls = new WeakMap<LanguageModelV3CallOptions, CallState>();
  const withheld = options.withheldToolResult ?? defaultWithheldNotice;
  const reasoning = options.reasoning ?? "drop";

  function stateOf(params: LanguageModelV3CallOptions): CallState {
    const state = calls.get(params);
    if (!state)
      throw new Error(
        "guardMiddleware: no input check for this call; use the middleware whole (wrapLanguageModel({ model, middleware: guardMiddleware(guard) }))",
      );
    return state;
  }

  function blockedText(state: CallState): string {
    return state.rails.blocked?.safeReply ?? guard.policy.safeReply;
  }

  return {
    specificationVersion: "v3",

    async transformParams({ params }) {
      const turn = readPromptTurn(params.prompt);
      const given = typeof options.ctx === "function" ? options.ctx(params) : options.ctx;
      const ctx: JudgeCheckContext = { ...given };
      if (ctx.systemPrompt === undefined && turn.systemPrompt !== undefined)
        ctx.systemPrompt = turn.systemPrompt;
      const session = sessionFor(
        typeof options.session === "function" ? options.session(params) : options.session,
        ctx,
      );
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
      const outCtx =
        turn.userText !== undefined ? { ...ctx, prompt: passedText(rails.input, turn.userText) } : ctx;
      const next: LanguageModelV3CallOptions = rails.blocked
        ? { ...params }
        : { ...params, prompt: rewritePrompt(params.prompt, turn, rails, withheld) };
      calls.set(next, { rails, report, ctx: outCtx, session });
      return next;
    },

    async wrapGenerate({ doGenerate, params }): Promise<LanguageModelV3GenerateResult> {
      const state = stateOf(params);
      const { report } = state;
      if (state.rails.blocked) {
        report.blockedAt = "input";
        options.onReport?.(report);
        return {
          content: [{ type: "text", text: blockedText(state) }],
          finishReason: CONTENT_FILTER,
          usage: EMPTY_USAGE,
          providerMetadata: withReport(undefined, report),
          warnings: [],
        };
      }
      const result = await doGenerate();
      const text = result.content.map((p) => (p.type === "text" ? p.text : "")).join("");
      const toolParts = result.content.filter(
        (p): p is LanguageModelV3ToolCall => p.type === "tool-call" && p.providerExecuted !== true,
      );
      const asCalls = toolParts.map((c) => ({ id: c.toolCallId, name: c.toolName, arguments: c.input }));
      const out = await runOutputRails(guard, text, asCalls, state.session, state.ctx);
      if (out.output) report.output = out.output;
      report.toolCalls = out.toolCalls;

      let content: LanguageModelV3Content[];
      let finishReason = result.finishReason;
      if (out.blocked) {
        report.blockedAt = "output";
        content = [{ type: "text", text: out.blocked.safeReply ?? guard.policy.safeReply }];
        finishReason = CONTENT_FILTER;
      } else {
        const passed = passedText(out.output, text);
        const allowed = new Map(allowedCalls(asCalls, out.toolCalls).map((c) => [c.id, c.arguments]));
        const firstText = result.content.findIndex((p) => p.type === "text");
        content = [];
        result.content.forEach((p, i) => {
          if (p.type === "text") {
            if (i === firstText && passed !== "") content.push({ ...p, text: passed });
          } else if (p.type === "reasoning") {
            if (reasoning === "pass") content.push(p);
          } else if (p.type === "tool-call" && p.providerExecuted !== true) {
            const input = allowed.get(p.toolCallId);
            if (input !== undefined) content.push({ ...p, input });
          } else content.push(p);
        });
        if (allowed.size < toolParts.length) {
          if (allowed.size > 0) finishReason = { unified: "tool-calls", raw: finishReason.raw };
          else {
            finishReason = CONTENT_FILTER;
            if (passed === "")
              content.unshift({
                type: "text",
                text: stoppedCallReply(out.toolCalls, guard.policy.safeReply),
              });
          }
        }
      }
      options.onReport?.(report);
      return {
        ...result,
        content,
        finishReason,
        providerMetadata: withReport(result.providerMetadata, report),
      };
    },

    async wrapStream({ doStream, params }): Promise<LanguageModelV3StreamResult> {
      const state = stateOf(params);
      const { report } = state;
      if (state.rails.blocked) {
        report.blockedAt = "input";
        options.onReport?.(report);
        const parts: LanguageModelV3StreamPart[] = [
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "guarded-text" },
          { type: "text-delta", id: "guarded-text", delta: blockedText(state) },
          { type: "text-end", id: "guarded-text" },
          {
            type: "finish",
            usage: EMPTY_USAGE,
            finishReason: CONTENT_FILTER,
            providerMetadata: withReport(undefined, report),
          },
        ];
        return {
          stream: new ReadableStream({
            start(controller) {
              for (const p of parts) controller.enqueue(p);
              controller.close();
            },
          }),
        };
      }
      const { stream, ...rest } = await doStream();
      return {
        ...rest,
        stream: guardStreamParts(stream, {
          guard,
          session: state.session,
          ctx: state.ctx,
          report,
          reasoning,
          ...(options.stream ? { stream: options.stream } : {}),
          ...(options.onReport ? { onReport: options.onReport } : {}),
        }),
      };
    },
  };
}
