/** OpenAI's Chat Completions wire shapes the proxy answers with: a completion, stream chunks, SSE framing. */
import { randomFillSync } from "node:crypto";
import type { FinishReason, ToolCall, Usage } from "../../providers/types.js";
import type { GuardReport } from "./summary.js";

export type WireFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export function wireFinishReason(reason: FinishReason): WireFinishReason {
  return reason === "error" ? "stop" : reason;
}

/** Random bytes drawn in batches (one call to the system's generator per 341 ids, not one per id). */
const ID_BYTES = 12;
const idPool = Buffer.alloc(ID_BYTES * 341);
let idOffset = idPool.length;

export function completionId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  const hex = idPool.toString("hex", idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return `chatcmpl-gs-${hex}`;
}

function wireUsage(usage: Usage | undefined) {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function wireToolCalls(calls: readonly ToolCall[]) {
  return calls.map((c) => ({
    id: c.id,
    type: "function" as const,
    function: { name: c.name, arguments: c.arguments },
  }));
}

export interface CompletionParts {
  id: string;
  created: number;
  model: string;
  text: string;
  toolCalls: readonly ToolCall[];
  finishReason: WireFinishReason;
  usage?: Usage;
  guardstack: GuardReport;
}

export function completionBody(p: CompletionParts) {
  const hasTools = p.toolCalls.length > 0;
  return {
    id: p.id,
    object: "chat.completion",
    created: p.created,
    model: p.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: hasTools && p.text === "" ? null : p.text,
          refusal: null,
          ...(hasTools ? { tool_calls: wireToolCalls(p.toolCalls) } : {}),
        },
        logprobs: null,
        finish_reason: p.finishReason,
      },
    ],
    usage: wireUsage(p.usage),
    system_fingerprint: null,
    guardstack: p.guardstack,
  };
}

/** Frames stream chunks: every chunk carries the same id, creation time and model. */
export class ChunkWriter {
  constructor(
    readonly id: string,
    readonly created: number,
    readonly model: string,
    private readonly includeUsage: boolean,
  ) {}

  private event(body: object): string {
    return `data: ${JSON.stringify(body)}\n\n`;
  }

  chunk(delta: object, finishReason: WireFinishReason | null = null, extra: object = {}): string {
    return this.event({
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(this.includeUsage ? { usage: null } : {}),
      ...extra,
    });
  }

  role(): string {
    return this.chunk({ role: "assistant", content: "" });
  }

  content(text: string): string {
    return this.chunk({ content: text });
  }

  toolCalls(calls: readonly ToolCall[]): string {
    return this.chunk({
      tool_calls: wireToolCalls(calls).map((c, index) => ({ index, ...c })),
    });
  }

  finish(reason: WireFinishReason, guardstack: GuardReport): string {
    return this.chunk({}, reason, { guardstack });
  }

  /** The usage chunk OpenAI sends last when stream_options.include_usage is set (empty choices). */
  usage(usage: Usage | undefined): string {
    if (!this.includeUsage) return "";
    return this.event({
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      system_fingerprint: null,
      choices: [],
      usage: wireUsage(usage),
    });
  }

  /** An error after the stream began: OpenAI's SDKs raise it as an APIError. */
  error(message: string, type: string, code: string): string {
    return this.event({ error: { message, type, param: null, code } });
  }

  done(): string {
    return "data: [DONE]\n\n";
  }
}
