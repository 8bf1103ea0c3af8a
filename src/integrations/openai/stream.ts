/**
 * One guarded streaming chat completion, in OpenAI's chunk shape: content deltas pass the streaming
 * rail (only checked text is sent, redacted where the policy redacts); tool-call fragments are assembled
 * and, once the text is done, the allowed calls are sent whole in one chunk; then the finish chunk, then
 * the usage chunk if the request asked for one. A violation sends the safe reply, finishes with
 * "content_filter" and aborts the upstream request. A refusal delta is model text like any other: it
 * passes the same rail and is sent as content.
 */
import type OpenAI from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import type { Guard } from "../../guard/create-guard.js";
import { StreamGuard } from "../../guard/streaming/stream-guard.js";
import type { StreamEvent } from "../../guard/streaming/types.js";
import { allowedCalls, runOutputRails, stoppedCallReply } from "../../guard/wrap/rails.js";
import { ToolCallAssembler } from "../../providers/tool-call-assembler.js";
import type { GuardedChatCompletionStream, GuardOpenAIOptions, OpenAIRequestOptions } from "./options.js";
import type { Prepared } from "./prepare.js";

type Delta = ChatCompletionChunk.Choice.Delta;
type Finish = ChatCompletionChunk.Choice["finish_reason"];

interface Meta {
  id: string;
  created: number;
  model: string;
  system_fingerprint?: string;
}

function chunk(meta: Meta, delta: Delta, finish: Finish = null): ChatCompletionChunk {
  return {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    ...(meta.system_fingerprint !== undefined ? { system_fingerprint: meta.system_fingerprint } : {}),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

async function* run(
  guard: Guard,
  body: ChatCompletionCreateParamsStreaming,
  options: GuardOpenAIOptions,
  prep: Prepared,
  source: AsyncIterable<ChatCompletionChunk> | undefined,
  controller: AbortController,
): AsyncGenerator<ChatCompletionChunk> {
  const { report } = prep;
  const meta: Meta = {
    id: `chatcmpl-guardstack-${Date.now().toString(36)}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model,
  };
  if (prep.rails.blocked || !source) {
    report.blockedAt = "input";
    yield chunk(meta, {
      role: "assistant",
      content: prep.rails.blocked?.safeReply ?? guard.policy.safeReply,
    });
    yield chunk(meta, {}, "content_filter");
    return;
  }

  const rail = new StreamGuard(guard, { ...options.stream, stage: "output", ctx: prep.ctx });
  const assembler = new ToolCallAssembler();
  let finish: Finish = null;
  let usage: ChatCompletionChunk | undefined;
  let roleSent = false;
  let released = false;
  let blocked = false;

  function* send(events: StreamEvent[]): Generator<ChatCompletionChunk> {
    for (const ev of events) {
      if (ev.type === "end") report.output = ev.decision;
      else {
        const text = ev.type === "text" ? ev.text : `${released ? "\n\n" : ""}${ev.safeReply}`;
        if (ev.type === "blocked") {
          blocked = true;
          report.output = ev.decision;
          report.blockedAt = "output";
        } else released = true;
        yield chunk(meta, roleSent ? { content: text } : { role: "assistant", content: text });
        roleSent = true;
      }
    }
  }

  let finished = false;
  try {
    for await (const c of source) {
      meta.id = c.id;
      meta.created = c.created;
      meta.model = c.model;
      if (c.system_fingerprint) meta.system_fingerprint = c.system_fingerprint;
      if (c.choices.length === 0) {
        if (c.usage) usage = c;
        continue;
      }
      const choice = c.choices[0]!;
      const d = choice.delta;
      for (const t of d.tool_calls ?? []) {
        assembler.add({
          index: t.index,
          ...(t.id !== undefined ? { id: t.id } : {}),
          ...(t.function?.name !== undefined ? { name: t.function.name } : {}),
          ...(t.function?.arguments !== undefined ? { arguments: t.function.arguments } : {}),
        });
      }
      const text = (d.content ?? "") + (d.refusal ?? "");
      if (text !== "") yield* send(await rail.push(text));
      if (blocked) break;
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    finished = true;
  } finally {
    // Blocked, or the consumer stopped: no more tokens are needed.
    if (!finished) controller.abort();
  }

  if (!blocked) yield* send(await rail.end());
  if (blocked) {
    yield chunk(meta, {}, "content_filter");
    return;
  }
  const calls = assembler.finish();
  const out = await runOutputRails(guard, "", calls, prep.session, prep.ctx);
  report.toolCalls = out.toolCalls;
  const allowed = allowedCalls(calls, out.toolCalls);
  if (allowed.length > 0) {
    const toolCalls = allowed.map((call, index) => ({
      index,
      id: call.id,
      type: "function" as const,
      function: { name: call.name, arguments: call.arguments },
    }));
    yield chunk(meta, roleSent ? { tool_calls: toolCalls } : { role: "assistant", tool_calls: toolCalls });
    roleSent = true;
  }
  let reason: Finish = finish ?? "stop";
  if (allowed.length < calls.length) {
    reason = allowed.length > 0 ? "tool_calls" : "content_filter";
    if (allowed.length === 0 && !released) {
      const text = stoppedCallReply(out.toolCalls, guard.policy.safeReply);
      yield chunk(meta, roleSent ? { content: text } : { role: "assistant", content: text });
    }
  }
  yield chunk(meta, {}, reason);
  if (usage) yield { ...usage, id: meta.id };
}

export async function guardedStream(
  client: OpenAI,
  guard: Guard,
  body: ChatCompletionCreateParamsStreaming,
  requestOptions: OpenAIRequestOptions,
  options: GuardOpenAIOptions,
  prep: Prepared,
): Promise<GuardedChatCompletionStream> {
  const controller = new AbortController();
  let source: AsyncIterable<ChatCompletionChunk> | undefined;
  if (!prep.rails.blocked) {
    // Connect now, as the SDK does: connection and HTTP errors reject here, not mid-iteration.
    const signals = [controller.signal, requestOptions?.signal].filter((s): s is AbortSignal => !!s);
    source = await client.chat.completions.create(
      { ...body, messages: prep.messages },
      { ...requestOptions, signal: AbortSignal.any(signals) },
    );
  }
  const iterator = run(guard, body, options, prep, source, controller);
  let handedOut = false;
  return {
    guard: prep.report,
    controller,
    [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
      if (handedOut) throw new Error("a guarded stream can be iterated only once");
      handedOut = true;
      return iterator;
    },
  };
}
