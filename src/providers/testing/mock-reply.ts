/**
 * What a mock LLM server (OpenAI or Anthropic flavour) should answer to one request. The mock servers are
 * deterministic test fixtures: they never call a model, they play back whatever the handler returns.
 */

export interface MockReply {
  /** Assistant text. */
  text?: string;
  /** Tool calls the "model" makes; `arguments` is sent as-is (JSON text). */
  toolCalls?: { name: string; arguments: string }[];
  /** Milliseconds to wait before the first byte (status line and headers included). */
  delayMs?: number;
  /** Milliseconds to wait between streamed chunks. */
  chunkDelayMs?: number;
  /** Characters per streamed delta (text and tool-call arguments); default 4. */
  chunkSize?: number;
  /** Answer with this error status and the provider's error JSON; `text` becomes the error message. */
  status?: number;
  /** Send this raw body as-is with status 200 (a broken server). */
  garbage?: string;
}
