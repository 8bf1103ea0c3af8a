/**
 * Translation between guardstack's chat shapes and the OpenAI Chat Completions wire shapes, both ways.
 */
import type OpenAI from "openai";
import type { ChatMessage, ChatResponse, FinishReason, ToolCall, ToolSpec } from "./types.js";

type Params = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export function toOpenAIMessages(messages: readonly ChatMessage[]): Params[] {
  return messages.map((m): Params => {
    switch (m.role) {
      case "system":
        return { role: "system", content: m.content, ...(m.name ? { name: m.name } : {}) };
      case "user":
        return { role: "user", content: m.content, ...(m.name ? { name: m.name } : {}) };
      case "tool":
        return { role: "tool", tool_call_id: m.toolCallId ?? "", content: m.content };
      case "assistant": {
        const calls = m.toolCalls ?? [];
        return {
          role: "assistant",
          // OpenAI wants null rather than "" beside tool calls.
          content: calls.length > 0 && m.content === "" ? null : m.content,
          ...(m.name ? { name: m.name } : {}),
          ...(calls.length > 0
            ? {
                tool_calls: calls.map((c) => ({
                  id: c.id,
                  type: "function" as const,
                  function: { name: c.name, arguments: c.arguments },
                })),
              }
            : {}),
        };
      }
    }
  });
}

export function toOpenAITools(
  tools: readonly ToolSpec[],
): OpenAI.Chat.Completions.ChatCompletionFunctionTool[] {
  return tools.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      parameters: t.parameters ?? { type: "object", properties: {} },
    },
  }));
}

export function fromOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return "stop";
  }
}

/**
 * Reads a completion body, or says what is wrong with it (returned as a string so the caller can word
 * the error with its base URL).
 */
export function fromOpenAICompletion(body: unknown): ChatResponse | string {
  if (typeof body === "string") return `body is not JSON ("${body.slice(0, 60)}")`;
  if (!body || typeof body !== "object") return "empty body";
  const completion = body as Partial<OpenAI.Chat.Completions.ChatCompletion>;
  if (!Array.isArray(completion.choices)) return "missing choices";
  const choice = completion.choices[0];
  if (!choice || typeof choice.message !== "object" || choice.message === null)
    return "missing choices[0].message";
  const message = choice.message;
  const toolCalls: ToolCall[] = [];
  for (const call of message.tool_calls ?? [])
    if (call.type === "function" || "function" in call) {
      const fn = (call as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall).function;
      toolCalls.push({ id: call.id, name: fn.name, arguments: fn.arguments ?? "" });
    }
  const response: ChatResponse = {
    text: typeof message.content === "string" ? message.content : "",
    toolCalls,
    finishReason: fromOpenAIFinishReason(choice.finish_reason),
  };
  if (typeof completion.model === "string") response.model = completion.model;
  if (completion.usage)
    response.usage = {
      inputTokens: completion.usage.prompt_tokens ?? 0,
      outputTokens: completion.usage.completion_tokens ?? 0,
    };
  return response;
}
