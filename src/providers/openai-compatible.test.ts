import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openAICompatibleProvider } from "./openai-compatible.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "./testing/mock-openai-server.js";
import { ProviderError, type ChatChunk, type Provider } from "./types.js";

let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect(provider: Provider, content: string, extra: object = {}): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const chunk of provider.stream({ messages: [{ role: "user", content }], ...extra }))
    out.push(chunk);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

/** A port nothing listens on: bind a free one, then release it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("openAICompatibleProvider", () => {
  it("completes, sending mapped messages and tools, and maps the response", async () => {
    server = await startMockOpenAIServer();
    const provider = openAICompatibleProvider({ baseURL: server.url + "/", model: "local-model" });
    expect(provider.name).toBe("openai:local-model");
    const res = await provider.complete({
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "first" },
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "lookup", arguments: '{"q":1}' }] },
        { role: "tool", content: "result", toolCallId: "c1" },
        { role: "user", content: "hello world" },
      ],
      tools: [{ name: "lookup", description: "look up", parameters: { type: "object" } }],
      temperature: 0,
      maxTokens: 50,
    });
    expect(res).toEqual({
      text: "Echo: hello world",
      toolCalls: [],
      finishReason: "stop",
      model: "local-model",
      usage: { inputTokens: 5, outputTokens: 3 },
    });
    const body = server.requests[0] as Record<string, unknown>;
    expect(body.messages).toEqual([
      { role: "system", content: "sys" },
      { role: "user", content: "first" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":1}' } }],
      },
      { role: "tool", tool_call_id: "c1", content: "result" },
      { role: "user", content: "hello world" },
    ]);
    expect(body.tools).toEqual([
      {
        type: "function",
        function: { name: "lookup", description: "look up", parameters: { type: "object" } },
      },
    ]);
    expect(body.temperature).toBe(0);
    expect(body.max_tokens).toBe(50);
    // No key configured anywhere: a dummy is sent so local servers work.
    expect(server.requestHeaders[0]!.authorization).toMatch(/^Bearer \S+/);
  });

  it("uses the request's model and the configured key and headers", async () => {
    server = await startMockOpenAIServer({ apiKey: "sk-test" });
    const provider = openAICompatibleProvider({
      baseURL: server.url,
      model: "a",
      apiKey: "sk-test",
      headers: { "x-team": "safety" },
    });
    const res = await provider.complete({ model: "b", messages: [{ role: "user", content: "x" }] });
    expect(res.model).toBe("b");
    expect(server.requestHeaders[0]!["x-team"]).toBe("safety");
  });

  it("reads the key from apiKeyEnv", async () => {
    server = await startMockOpenAIServer({ apiKey: "from-env" });
    process.env.GUARDSTACK_TEST_KEY = "from-env";
    try {
      const provider = openAICompatibleProvider({
        baseURL: server.url,
        model: "m",
        apiKeyEnv: "GUARDSTACK_TEST_KEY",
      });
      expect((await provider.complete({ messages: [{ role: "user", content: "k" }] })).text).toBe("Echo: k");
    } finally {
      delete process.env.GUARDSTACK_TEST_KEY;
    }
  });

  it("returns whole tool calls from a non-streamed reply", async () => {
    server = await startMockOpenAIServer({
      handler: () => ({ toolCalls: [{ name: "search", arguments: '{"q":"cats"}' }] }),
    });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m" });
    const res = await provider.complete({ messages: [{ role: "user", content: "find cats" }] });
    expect(res.finishReason).toBe("tool_calls");
    expect(res.text).toBe("");
    expect(res.toolCalls).toHaveLength(1);
    expect(res.toolCalls[0]).toMatchObject({ name: "search", arguments: '{"q":"cats"}' });
    expect(res.toolCalls[0]!.id).toMatch(/^call_mock/);
  });

  it("streams text deltas and finishes with usage", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "one two three", chunkSize: 2 }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m" });
    const chunks = await collect(provider, "count");
    const text = chunks.filter((c) => c.type === "text");
    expect(text.length).toBe(7);
    expect(text.map((c) => c.delta).join("")).toBe("one two three");
    expect(chunks.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 1, outputTokens: 3 },
    });
    expect((server.requests[0] as { stream: boolean }).stream).toBe(true);
  });

  it("assembles streamed tool-call fragments into whole calls", async () => {
    const a = '{"city":"Paris","days":3}';
    const b = '{"to":"bob@example.com","body":"hi"}';
    server = await startMockOpenAIServer({
      handler: () => ({
        text: "Let me check.",
        toolCalls: [
          { name: "weather", arguments: a },
          { name: "send_email", arguments: b },
        ],
        chunkSize: 3,
      }),
    });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m" });
    const chunks = await collect(provider, "plan");
    const calls = chunks.flatMap((c) => (c.type === "tool-call" ? [c.call] : []));
    expect(calls.map((c) => [c.name, c.arguments])).toEqual([
      ["weather", a],
      ["send_email", b],
    ]);
    expect(calls[0]!.id).not.toBe(calls[1]!.id);
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls" });
    expect(
      chunks
        .filter((c) => c.type === "text")
        .map((c) => c.delta)
        .join(""),
    ).toBe("Let me check.");
  });

  it("retries a 500 (via the SDK) and then succeeds", async () => {
    let calls = 0;
    server = await startMockOpenAIServer({
      handler: () => (++calls < 3 ? { status: 500, text: "boom" } : { text: "finally" }),
    });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", maxRetries: 2 });
    const res = await provider.complete({ messages: [{ role: "user", content: "x" }] });
    expect(res.text).toBe("finally");
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after maxRetries with an upstream error naming the status", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ status: 503, text: "overloaded" }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", maxRetries: 1 });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.kind).toBe("upstream");
    expect(err.status).toBe(503);
    expect(err.message).toBe(`503 from ${server.url}: upstream server error (server said: "overloaded")`);
    expect(server.requests).toHaveLength(2);
  });

  it("times out when the server is slower than timeoutMs", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "late", delayMs: 3000 }) });
    const provider = openAICompatibleProvider({
      baseURL: server.url,
      model: "m",
      timeoutMs: 200,
      maxRetries: 0,
    });
    const started = Date.now();
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.kind).toBe("timeout");
    expect(err.message).toContain(`no response from ${server.url} within 200 ms (timeout)`);
  });

  it("times out a stream that stalls mid-way", async () => {
    server = await startMockOpenAIServer({
      handler: () => ({ text: "a b c d e f", chunkSize: 1, chunkDelayMs: 2000 }),
    });
    const provider = openAICompatibleProvider({
      baseURL: server.url,
      model: "m",
      timeoutMs: 200,
      maxRetries: 0,
    });
    const seen: ChatChunk[] = [];
    const started = Date.now();
    const err = await failure(
      (async () => {
        for await (const c of provider.stream({ messages: [{ role: "user", content: "x" }] })) seen.push(c);
      })(),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.kind).toBe("timeout");
    expect(err.message).toContain("stream stalled");
  });

  it("names an unreachable server and how to fix it", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1`;
    const provider = openAICompatibleProvider({ baseURL: url, model: "m", maxRetries: 0 });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.kind).toBe("unreachable");
    expect(err.message).toBe(`cannot reach ${url} (connection refused); is the server running? set baseURL`);
    const streamErr = await failure(collect(provider, "x"));
    expect(streamErr.message).toBe(err.message);
  });

  it("reports a garbage body as a bad response, streamed or not", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ garbage: "<html>Bad Gateway</html>" }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", maxRetries: 0 });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.kind).toBe("bad-response");
    expect(err.message).toContain(`bad response from ${server.url}: body is not JSON`);
    const streamErr = await failure(collect(provider, "x"));
    expect(streamErr.kind).toBe("bad-response");
  });

  it("reports JSON without choices as a bad response", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ garbage: '{"object":"list","data":[]}' }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m" });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.message).toBe(
      `bad response from ${server.url}: missing choices; is baseURL an LLM API endpoint?`,
    );
  });

  it("reports a non-JSON stream chunk as a bad response", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ garbage: "data: {not json\n\n" }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m" });
    const err = await failure(collect(provider, "x"));
    expect(err.kind).toBe("bad-response");
  });

  it("says which key to set on a 401", async () => {
    server = await startMockOpenAIServer({ apiKey: "right" });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", apiKey: "wrong" });
    const err = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(err.kind).toBe("auth");
    expect(err.status).toBe(401);
    expect(err.message).toMatch(
      new RegExp(`^401 from ${server.url}: set OPENAI_API_KEY \\(server said: "Incorrect`),
    );
    const custom = openAICompatibleProvider({
      baseURL: server.url,
      model: "m",
      apiKeyEnv: "MY_KEY",
      maxRetries: 0,
    });
    expect((await failure(collect(custom, "x"))).message).toContain(": set MY_KEY");
  });

  it("maps 429 to rate-limit and 404 to a baseURL hint", async () => {
    server = await startMockOpenAIServer({
      handler: (b) => (b.model === "missing" ? { status: 404, text: "no such model" } : { status: 429 }),
    });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", maxRetries: 0 });
    const limited = await failure(provider.complete({ messages: [{ role: "user", content: "x" }] }));
    expect(limited.kind).toBe("rate-limit");
    const missing = await failure(
      provider.complete({ model: "missing", messages: [{ role: "user", content: "x" }] }),
    );
    expect(missing.kind).toBe("upstream");
    expect(missing.message).toContain(
      'check baseURL (OpenAI-style ends in /v1) and the model name "missing"',
    );
  });

  it("never has more than `concurrency` requests in flight at the server", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "ok", delayMs: 60 }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", concurrency: 2 });
    await Promise.all([
      ...Array.from({ length: 5 }, () => provider.complete({ messages: [{ role: "user", content: "x" }] })),
      ...Array.from({ length: 3 }, () => collect(provider, "y")),
    ]);
    expect(server.requests).toHaveLength(8);
    expect(server.maxInFlight).toBe(2);
  });

  it("releases the slot when a stream consumer stops early", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "a long answer here", chunkSize: 1 }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m", concurrency: 1 });
    for await (const c of provider.stream({ messages: [{ role: "user", content: "x" }] })) {
      expect(c.type).toBe("text");
      break;
    }
    // With concurrency 1, this would wait forever if the abandoned stream still held the slot.
    const res = await provider.complete({ messages: [{ role: "user", content: "again" }] });
    expect(res.text).toBe("a long answer here");
  });

  it("re-throws the caller's abort, not a provider error", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "slow", delayMs: 2000 }) });
    const provider = openAICompatibleProvider({ baseURL: server.url, model: "m" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    const err = await provider
      .complete({ messages: [{ role: "user", content: "x" }], signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toEqual(new Error("user cancelled"));
  });
});
