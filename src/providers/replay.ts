/**
 * A Provider that answers from recorded responses instead of a model, so evals and demos run offline and
 * reproducibly. Records come from JSONL, one per line:
 *   { "prompt"?: string, "messages"?: ChatMessage[], "response": string, "toolCalls"?: [...] }
 * A request is matched by `conversationKey` of its messages: first the exact conversation, then the same
 * conversation without its system messages (so a recording of bare prompts still answers when a guard or
 * app adds a system prompt). A `prompt` record stands for a single user message. When two records share a
 * key the later one wins. An unmatched request fails with a ProviderError saying so.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { conversationKey } from "./conversation-key.js";
import { responseToChunks } from "./stream-chunks.js";
import {
  ProviderError,
  type ChatChunk,
  type ChatMessage,
  type ChatRequest,
  type ChatResponse,
  type Provider,
} from "./types.js";

const ToolCallSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  // Recordings may hold the arguments as JSON text (as the APIs send them) or as an object.
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).default("{}"),
});

const MessageSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })).optional(),
  toolCallId: z.string().optional(),
  name: z.string().optional(),
});

export const ReplayRecordSchema = z
  .object({
    prompt: z.string().optional(),
    messages: z.array(MessageSchema).min(1).optional(),
    response: z.string(),
    toolCalls: z.array(ToolCallSchema).optional(),
    finishReason: z.enum(["stop", "length", "tool_calls", "content_filter", "error"]).optional(),
  })
  .refine((r) => r.prompt !== undefined || r.messages !== undefined, {
    message: 'a record needs "prompt" or "messages"',
  });

export type ReplayRecord = z.input<typeof ReplayRecordSchema>;

export interface ReplayProviderOptions {
  /** Label for reports and errors; default "replay". */
  name?: string;
}

function recordMessages(record: z.output<typeof ReplayRecordSchema>): ChatMessage[] {
  return record.messages ?? [{ role: "user", content: record.prompt ?? "" }];
}

function recordResponse(record: z.output<typeof ReplayRecordSchema>): ChatResponse {
  const toolCalls = (record.toolCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_replay_${i}`,
    name: c.name,
    arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
  }));
  return {
    text: record.response,
    toolCalls,
    finishReason: record.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"),
  };
}

function preview(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "user") return m.content.length > 60 ? `${m.content.slice(0, 60)}…` : m.content;
  }
  return "";
}

export function replayProvider(records: readonly ReplayRecord[], opts: ReplayProviderOptions = {}): Provider {
  const name = opts.name ?? "replay";
  const byKey = new Map<string, ChatResponse>();
  records.forEach((raw, i) => {
    const parsed = ReplayRecordSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `${name}: record ${i + 1} is invalid: ${z.prettifyError(parsed.error).split("\n").join("; ")}`,
      );
    byKey.set(conversationKey(recordMessages(parsed.data)), recordResponse(parsed.data));
  });

  function lookup(request: ChatRequest): ChatResponse {
    const key = conversationKey(request.messages);
    const found =
      byKey.get(key) ?? byKey.get(conversationKey(request.messages.filter((m) => m.role !== "system")));
    if (found) return { ...found, toolCalls: found.toolCalls.map((c) => ({ ...c })) };
    throw new ProviderError(
      `${name}: no recorded response for this conversation (key ${key.slice(0, 12)}, last user message "${preview(request.messages)}"); record it or check the replay file`,
      "upstream",
      404,
    );
  }

  const complete = (request: ChatRequest): Promise<ChatResponse> =>
    Promise.resolve().then(() => lookup(request));
  async function* stream(request: ChatRequest): AsyncGenerator<ChatChunk> {
    yield* responseToChunks(await complete(request));
  }
  return { name, complete, stream };
}

/** Reads a JSONL replay file (blank lines skipped); a bad line fails with its file and line number. */
export function loadReplayFile(path: string): ReplayRecord[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read replay file ${path}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const records: ReplayRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = ReplayRecordSchema.safeParse(value);
    if (!parsed.success)
      throw new Error(`${path}:${i + 1}: ${z.prettifyError(parsed.error).split("\n").join("; ")}`);
    records.push(parsed.data);
  }
  return records;
}

export function replayProviderFromFile(path: string, opts: ReplayProviderOptions = {}): Provider {
  return replayProvider(loadReplayFile(path), { ...opts, name: opts.name ?? `replay:${path}` });
}
