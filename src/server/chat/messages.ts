/** OpenAI request messages to the provider contract's ChatMessage, and the facts the rails need from them. */
import type { ChatMessage, ToolSpec } from "../../providers/types.js";
import { HttpError } from "../http/openai-error.js";
import { contentText, type ChatRequestBody, type ChatRequestMessage } from "./request-schema.js";

export function toChatMessages(messages: readonly ChatRequestMessage[]): ChatMessage[] {
  return messages.map((m, i): ChatMessage => {
    const content = contentText(m.content);
    switch (m.role) {
      case "system":
      case "developer":
        return { role: "system", content, ...(m.name !== undefined ? { name: m.name } : {}) };
      case "user":
        return { role: "user", content, ...(m.name !== undefined ? { name: m.name } : {}) };
      case "tool":
        if (m.tool_call_id === undefined || m.tool_call_id === "")
          throw new HttpError(
            400,
            `Invalid value for 'messages[${i}].tool_call_id': a tool message must name the call it answers.`,
            "invalid_request_error",
            "missing_required_parameter",
            `messages[${i}].tool_call_id`,
          );
        return { role: "tool", content, toolCallId: m.tool_call_id };
      case "assistant": {
        const out: ChatMessage = { role: "assistant", content };
        if (m.name !== undefined) out.name = m.name;
        if (m.tool_calls && m.tool_calls.length > 0)
          out.toolCalls = m.tool_calls.map((c) => ({
            id: c.id,
            name: c.function.name,
            arguments: c.function.arguments,
          }));
        return out;
      }
    }
  });
}

export function toToolSpecs(tools: ChatRequestBody["tools"]): ToolSpec[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((t) => {
    const spec: ToolSpec = { name: t.function.name };
    if (t.function.description !== undefined) spec.description = t.function.description;
    if (t.function.parameters !== undefined) spec.parameters = t.function.parameters;
    return spec;
  });
}

/** Index of the last user message, or -1. */
export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return i;
  return -1;
}

/** The system (and developer) messages' text: the system prompt the leakage detector guards. */
export function systemPromptOf(messages: readonly ChatMessage[]): string | undefined {
  const parts = messages.filter((m) => m.role === "system").map((m) => m.content);
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/** The tool name of the call a tool message answers (from the assistant message that made it). */
export function toolNameFor(
  messages: readonly ChatMessage[],
  before: number,
  callId: string,
): string | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const call = messages[i]?.toolCalls?.find((c) => c.id === callId);
    if (call) return call.name;
  }
  return undefined;
}
