/** Before the call: the context, the session, the input rails, and the messages the model may see. */
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { JudgeCheckContext } from "../../guard/cascade/types.js";
import type { Guard } from "../../guard/create-guard.js";
import type { SessionState } from "../../guard/session/state.js";
import {
  defaultWithheldNotice,
  passedText,
  runInputRails,
  sessionFor,
  type InputRails,
} from "../../guard/wrap/rails.js";
import type { GuardReport } from "../../guard/wrap/types.js";
import { readOpenAITurn, rewriteOpenAIMessages } from "./messages.js";
import type { GuardOpenAIOptions } from "./options.js";

export interface Prepared {
  rails: InputRails;
  report: GuardReport;
  /** Context for the output checks (with the user's message, for a cascading judge). */
  ctx: JudgeCheckContext;
  session: SessionState;
  messages: ChatCompletionMessageParam[];
}

export async function prepare(
  guard: Guard,
  body: ChatCompletionCreateParamsBase,
  options: GuardOpenAIOptions,
): Promise<Prepared> {
  if (body.n !== undefined && body.n !== null && body.n > 1)
    throw new Error(
      "guardOpenAI checks one answer per request: n > 1 is not supported (make n separate requests)",
    );
  const turn = readOpenAITurn(body.messages);
  const given = typeof options.ctx === "function" ? options.ctx(body) : options.ctx;
  const ctx: JudgeCheckContext = { ...given };
  if (ctx.systemPrompt === undefined && turn.systemPrompt !== undefined) ctx.systemPrompt = turn.systemPrompt;
  const session = sessionFor(
    typeof options.session === "function" ? options.session(body) : options.session,
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
  const messages = rails.blocked
    ? body.messages
    : rewriteOpenAIMessages(body.messages, turn, rails, options.withheldToolResult ?? defaultWithheldNotice);
  const outCtx =
    turn.userText !== undefined ? { ...ctx, prompt: passedText(rails.input, turn.userText) } : ctx;
  return { rails, report, ctx: outCtx, session, messages };
}
