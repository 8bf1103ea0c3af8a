import { afterEach, describe, expect, it } from "vitest";
import { anthropicProvider } from "./anthropic.js";
import { startMockAnthropicServer, type MockAnthropicServer } from "./testing/mock-anthropic-server.js";
import { ProviderError, type ChatChunk } from "./types.js";

let server: MockAnthropicServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe("anthropicProvider", () => {
  it("completes: system to `system`, tool results as tool_result blocks, same-role turns merged", async () => {
    server = await startMockAnthropicServer();
    const provider = anthropicProvider({ baseURL: server.url, model: "claude-test", maxTokens: 100 });
    expect(provider.name).toBe("anthropic:claude-test");
    const res = await provider.complete({
      messages: [
        { role: "system", content: "be safe" },
        { role: "user", content: "weather in Paris?" },
        {
          role: "assistant",
          content: "Checking.",
          toolCalls: [{ id: "t1", name: "weather", arguments: '{"city":"Paris"}' }],
        },
        { role: "tool", content: "18C", toolCallId: "t1" },
        { role: "user", content: "and tomorrow" },
      ],
      tools: [{ name: "weather", description: "forecast", parameters: { type: "object" } }],
    });
    expect(res).toEqual({
      text: "Echo: and tomorrow",
      toolCalls: [],
      finishReason: "stop",
      model: "claude-test",
      usage: { inputTokens: 9, outputTokens: 3 }, // words: system 2, turns 3 + 1 + 1 + 2
    });
    const body = server.requests[0] as Record<string, unknown>;
    expect(body.system).toBe("be safe");
    expect(body.max_tokens).toBe(100);
    expect(body.messages).toEqual([
      { role: "user", content: "weather in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "t1", name: "weather", input: { city: "Paris" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: "18C" },
          { type: "text", text: "and tomorrow" },
        ],
      },
    ]);
    expect(body.tools).toEqual([
      { name: "weather", description: "forecast", input_schema: { type: "object" } },
    ]);
    const h = server.requestHeaders[0]!;
    expect(h["x-api-key"] ?? h.authorization).toBeTruthy();
  });

  it("returns tool_use blocks as tool calls", async () => {
    server = await startMockAnthropicServer({
      handler: () => ({ text: "Sure.", toolCalls: [{ name: "search", arguments: '{"q":"cats"}' }] }),
    });
    const provider = anthropicProvider({ baseURL: server.url, model: "m" });
    const res = await provider.complete({ messages: [{ role: "user", content: "find cats" }] });
    expect(res.text).toBe("Sure.");
    expect(res.finishReason).toBe("tool_calls");
    expect(res.toolCalls).toEqual([
      { id: expect.stringMatching(/^toolu_mock/), name: "search", arguments: '{"q":"cats"}' },
    ]);
  });

  it("streams text deltas, assembled tool calls and a finish with usage", async () => {
    const args = '{"to":"bob","body":"hello there"}';
    server = await startMockAnthropicServer({
      handler: () => ({ text: "On it.", toolCalls: [{ name: "send", arguments: args }], chunkSize: 3 }),
    });
    const provider = anthropicProvider({ baseURL: server.url, model: "m" });
    const chunks: ChatChunk[] = [];
    for await (const c of provider.stream({ messages: [{ role: "user", content: "mail bob" }] }))
      chunks.push(c);
    const text = chunks.filter((c) => c.type === "text");
    expect(text.length).toBe(2);
    expect(text.map((c) => c.delta).join("")).toBe("On it.");
    const calls = chunks.filter((c) => c.type === "tool-call");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.call).toMatchObject({ name: "send", arguments: args });
    expect(chunks.at(-1)).toEqual({
      type: "finish",
      finishReason: "tool_calls",
      usage: { inputTokens: 2, outputTokens: 4 },
    });
    expect((server.requests[0] as { stream: boolean }).stream).toBe(true);
  });

  it("streams plain text ending in stop", async () => {
    server = await startMockAnthropicServer();
    const provider = anthropicProvider({ baseURL: server.url, model: "m" });
    let text = "";
    let last: ChatChunk | undefined;
    for await (const c of provider.stream({ messages: [{ role: "user", content: "hi you" }] })) {
      if (c.type === "text") text += c.delta;
      last = c;
    }
    expect(text).toBe("Echo: hi you");
    expect(last).toMatchObject({ type: "finish", finishReason: "stop" });
  });

  it("says which key to set on a 401", async () => {
    server = await startMockAnthropicServer({ apiKey: "right" });
    const provider = anthropicProvider({ baseURL: server.url, model: "m", apiKey: "wrong" });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.kind).toBe("auth");
    expect(err.message).toBe(
      `401 from ${server.url}: set ANTHROPIC_API_KEY (server said: "invalid x-api-key")`,
    );
  });

  it("retries an overloaded 529 then succeeds, and reports garbage as a bad response", async () => {
    let calls = 0;
    server = await startMockAnthropicServer({
      handler: (b) =>
        b.model === "broken"
          ? { garbage: "not json at all" }
          : ++calls === 1
            ? { status: 529 }
            : { text: "ok" },
    });
    const provider = anthropicProvider({ baseURL: server.url, model: "m", maxRetries: 1 });
    expect((await provider.complete({ messages: [{ role: "user", content: "x" }] })).text).toBe("ok");
    expect(calls).toBe(2);
    const err = await failure(
      provider.complete({ model: "broken", messages: [{ role: "user", content: "x" }] }),
    );
    expect(err.kind).toBe("bad-response");
  });

  it("times out a slow server", async () => {
    server = await startMockAnthropicServer({ handler: () => ({ text: "late", delayMs: 3000 }) });
    const provider = anthropicProvider({ baseURL: server.url, model: "m", timeoutMs: 200, maxRetries: 0 });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.kind).toBe("timeout");
  });

  it("honours its concurrency limit", async () => {
    server = await startMockAnthropicServer({ handler: () => ({ text: "ok", delayMs: 50 }) });
    const provider = anthropicProvider({ baseURL: server.url, model: "m", concurrency: 3 });
    await Promise.all(
      Array.from({ length: 7 }, () => provider.complete({ messages: [{ role: "user", content: "x" }] })),
    );
    expect(server.maxInFlight).toBe(3);
  });
});
