/**
 * The provider contract: one shape for every LLM the guard wraps, the proxy forwards to, or an eval
 * targets — OpenAI-compatible servers, Anthropic, replayed recordings, or a user's own function.
 */

export type ChatRole = "system" | "user" | "assistant" | "tool";

/** A tool call the model asked for; `arguments` is the JSON text the model produced. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** On assistant messages: the tool calls it made. */
  toolCalls?: ToolCall[];
  /** On tool messages: the call this result answers. */
  toolCallId?: string;
  name?: string;
}

/** A tool the model may call; `parameters` is a JSON Schema object. */
export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Overrides the provider's configured model. */
  model?: string;
  tools?: ToolSpec[];
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "error";

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  model?: string;
  usage?: Usage;
}

/**
 * One piece of a streamed response. Text arrives as deltas; tool calls arrive whole (providers that
 * stream argument fragments are assembled by the adapter); the last chunk carries the finish reason.
 */
export type ChatChunk =
  | { type: "text"; delta: string }
  | { type: "tool-call"; call: ToolCall }
  | { type: "finish"; finishReason: FinishReason; usage?: Usage };

export interface Provider {
  /** A label for reports and errors, e.g. "openai:gpt-4o-mini". */
  readonly name: string;
  complete(request: ChatRequest): Promise<ChatResponse>;
  stream(request: ChatRequest): AsyncIterable<ChatChunk>;
}

/** A provider failure with a message meant for the user (what failed, and how to fix it). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: "unreachable" | "timeout" | "auth" | "rate-limit" | "bad-response" | "upstream",
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
