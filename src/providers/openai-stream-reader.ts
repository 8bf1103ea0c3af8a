/**
 * Reads the chunks of an OpenAI-format chat stream into guardstack's chunks: text deltas as they come,
 * tool-call fragments assembled, usage and finish reason kept for the end. Shared by the SDK provider
 * and the proxy's own upstream client, which read the same wire format by different means.
 */
import { fromOpenAIFinishReason } from "./openai-mapping.js";
import { ToolCallAssembler } from "./tool-call-assembler.js";
import type { ChatChunk, FinishReason, Usage } from "./types.js";

/** The fields of an OpenAI stream chunk that are read. */
export interface OpenAIStreamChunk {
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{
        index?: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }>;
    } | null;
    finish_reason?: string | null;
  }>;
}

export class OpenAIStreamReader {
  private readonly tools = new ToolCallAssembler();
  private finishReason: FinishReason | undefined;
  private usage: Usage | undefined;
  /** Whether any chunk was read. */
  received = false;

  /** Reads one chunk; returns its text delta, or null when it carries none. */
  read(chunk: OpenAIStreamChunk): string | null {
    this.received = true;
    if (chunk.usage)
      this.usage = {
        inputTokens: chunk.usage.prompt_tokens ?? 0,
        outputTokens: chunk.usage.completion_tokens ?? 0,
      };
    const choice = chunk.choices?.[0];
    if (!choice) return null;
    const delta = choice.delta ?? {};
    for (const fragment of delta.tool_calls ?? [])
      this.tools.add({
        index: fragment.index,
        id: fragment.id,
        name: fragment.function?.name,
        arguments: fragment.function?.arguments,
      });
    if (choice.finish_reason) this.finishReason = fromOpenAIFinishReason(choice.finish_reason);
    return typeof delta.content === "string" && delta.content !== "" ? delta.content : null;
  }

  /** The chunks that close the stream: the assembled tool calls, then the finish. */
  *finish(): Generator<ChatChunk> {
    for (const call of this.tools.finish()) yield { type: "tool-call", call };
    // A stream that ended cleanly without a finish reason (some local servers) is taken as complete.
    const reason = this.finishReason ?? (this.tools.size > 0 ? "tool_calls" : "stop");
    yield this.usage
      ? { type: "finish", finishReason: reason, usage: this.usage }
      : { type: "finish", finishReason: reason };
  }
}
