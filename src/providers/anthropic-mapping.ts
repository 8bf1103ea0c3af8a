/**
 * Translation between guardstack's chat shapes and the Anthropic Messages API: system messages move to
 * the top-level `system`, tool results become `tool_result` blocks in a user turn, assistant tool calls
 * become `tool_use` blocks, and consecutive turns of one role merge (the API wants them alternating).
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { ChatMessage, ChatResponse, FinishReason, ToolCall, ToolSpec } from "./types.js";

type Block = Anthropic.Messages.ContentBlockParam;
type Turn = { role: "user" | "assistant"; content: Block[] };

/** Tool arguments as the object Anthropic requires; text that is not a JSON object is kept under `input`. */
function toolInput(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args === "" ? "{}" : args);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through: a model can emit broken JSON; keep what it said rather than drop it
  }
  return { input: args };
}

export function toAnthropicMessages(messages: readonly ChatMessage[]): {
  system?: string;
  messages: Anthropic.Messages.MessageParam[];
} {
  const system: string[] = [];
  const turns: Turn[] = [];
  const push = (role: Turn["role"], blocks: Block[]): void => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  for (const m of messages) {
    switch (m.role) {
      case "system":
        system.push(m.content);
        break;
      case "user":
        push("user", [{ type: "text", text: m.content }]);
        break;
      case "tool":
        push("user", [{ type: "tool_result", tool_use_id: m.toolCallId ?? "", content: m.content }]);
        break;
      case "assistant": {
        const blocks: Block[] = m.content !== "" ? [{ type: "text", text: m.content }] : [];
        for (const c of m.toolCalls ?? [])
          blocks.push({ type: "tool_use", id: c.id, name: c.name, input: toolInput(c.arguments) });
        push("assistant", blocks);
        break;
      }
    }
  }
  // A single plain-text block is sent as a bare string, the shape most servers and logs expect.
  const out = turns.map((t): Anthropic.Messages.MessageParam => {
    const only = t.content[0];
    return t.content.length === 1 && only?.type === "text"
      ? { role: t.role, content: only.text }
      : { role: t.role, content: t.content };
  });
  return system.length > 0 ? { system: system.join("\n\n"), messages: out } : { messages: out };
}

export function toAnthropicTools(tools: readonly ToolSpec[]): Anthropic.Messages.Tool[] {
  return tools.map((t) => ({
    name: t.name,
    ...(t.description !== undefined ? { description: t.description } : {}),
    input_schema: (t.parameters ?? { type: "object", properties: {} }) as Anthropic.Messages.Tool.InputSchema,
  }));
}

export function fromAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return "stop";
  }
}

/** Reads a Messages API response, or says what is wrong with it. */
export function fromAnthropicMessage(body: unknown): ChatResponse | string {
  if (typeof body === "string") return `body is not JSON ("${body.slice(0, 60)}")`;
  if (!body || typeof body !== "object") return "empty body";
  const message = body as Partial<Anthropic.Messages.Message>;
  if (!Array.isArray(message.content)) return "missing content";
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use")
      toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
  }
  const response: ChatResponse = {
    text,
    toolCalls,
    finishReason: fromAnthropicStopReason(message.stop_reason),
  };
  if (typeof message.model === "string") response.model = message.model;
  if (message.usage)
    response.usage = {
      inputTokens: message.usage.input_tokens ?? 0,
      outputTokens: message.usage.output_tokens ?? 0,
    };
  return response;
}
