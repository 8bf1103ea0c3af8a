/** One guarded non-streaming chat completion: input rails, the real call, output and tool rails. */
import type OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageToolCall,
} from "openai/resources/chat/completions";
import type { Guard } from "../../guard/create-guard.js";
import { allowedCalls, runOutputRails, stoppedCallReply } from "../../guard/wrap/rails.js";
import { asRailCall, withArguments } from "./messages.js";
import type { GuardedChatCompletion, OpenAIRequestOptions } from "./options.js";
import type { Prepared } from "./prepare.js";

/** A completion the guard wrote itself (the model was not called). */
export function syntheticCompletion(model: string, text: string): ChatCompletion {
  return {
    id: `chatcmpl-guardstack-${Date.now().toString(36)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null },
        logprobs: null,
        finish_reason: "content_filter",
      },
    ],
  };
}

export async function guardedCreate(
  client: OpenAI,
  guard: Guard,
  body: ChatCompletionCreateParamsNonStreaming,
  options: OpenAIRequestOptions,
  prep: Prepared,
): Promise<GuardedChatCompletion> {
  const { report } = prep;
  if (prep.rails.blocked) {
    report.blockedAt = "input";
    const reply = prep.rails.blocked.safeReply ?? guard.policy.safeReply;
    return { ...syntheticCompletion(body.model, reply), guard: report };
  }
  const completion = await client.chat.completions.create({ ...body, messages: prep.messages }, options);
  const choice = completion.choices[0];
  if (!choice) return { ...completion, guard: report };
  const message = choice.message;
  // A refusal is model text too: it is checked like content (only one of the two is set).
  const field = message.content === null && message.refusal ? "refusal" : "content";
  const text = (field === "refusal" ? message.refusal : message.content) ?? "";
  const calls: ChatCompletionMessageToolCall[] = message.tool_calls ?? [];
  const railCalls = calls.map(asRailCall);
  const out = await runOutputRails(guard, text, railCalls, prep.session, prep.ctx);
  if (out.output) report.output = out.output;
  report.toolCalls = out.toolCalls;

  let newMessage: typeof message;
  let finish = choice.finish_reason;
  if (out.blocked) {
    report.blockedAt = "output";
    newMessage = {
      role: "assistant",
      content: out.blocked.safeReply ?? guard.policy.safeReply,
      refusal: null,
    };
    finish = "content_filter";
  } else {
    const passed = new Map(allowedCalls(railCalls, out.toolCalls).map((c) => [c.id, c.arguments]));
    const kept = calls.flatMap((c) => {
      const args = passed.get(c.id);
      return args === undefined ? [] : [withArguments(c, args)];
    });
    const checked = out.output?.text ?? (field === "refusal" ? message.refusal : message.content);
    let content = field === "content" ? checked : message.content;
    if (kept.length < calls.length) {
      finish = kept.length > 0 ? "tool_calls" : "content_filter";
      if (kept.length === 0 && !content && field === "content")
        content = stoppedCallReply(out.toolCalls, guard.policy.safeReply);
    }
    newMessage = field === "refusal" ? { ...message, refusal: checked } : { ...message, content };
    if (kept.length > 0) newMessage.tool_calls = kept;
    else delete newMessage.tool_calls;
  }
  return {
    ...completion,
    choices: [{ ...choice, message: newMessage, finish_reason: finish }, ...completion.choices.slice(1)],
    guard: report,
  };
}
