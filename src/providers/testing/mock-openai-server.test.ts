import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { scriptedHandler, startMockOpenAIServer, type MockOpenAIServer } from "./mock-openai-server.js";

let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, apiKey = "test-key"): OpenAI {
  return new OpenAI({ baseURL: url, apiKey, maxRetries: 0 });
}

describe("mock OpenAI server", () => {
  it("echoes the last user message by default, with word-count usage", async () => {
    server = await startMockOpenAIServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await client(server.url).chat.completions.create({
      model: "m1",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hello there world" },
      ],
    });
    expect(res.object).toBe("chat.completion");
    expect(res.model).toBe("m1");
    expect(res.choices[0]!.message.content).toBe("Echo: hello there world");
    expect(res.choices[0]!.finish_reason).toBe("stop");
    expect(res.usage).toEqual({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    expect(server.requests).toHaveLength(1);
    expect((server.requests[0] as { model: string }).model).toBe("m1");
  });

  it("streams text in chunkSize deltas ending with [DONE] and a usage chunk when asked", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "abcdefghij", chunkSize: 3 }) });
    const stream = await client(server.url).chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "x" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    const finishes: (string | null)[] = [];
    let usage: unknown;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        if (choice.delta.content) deltas.push(choice.delta.content);
        finishes.push(choice.finish_reason);
      }
    }
    expect(deltas).toEqual(["abc", "def", "ghi", "j"]);
    expect(finishes.at(-1)).toBe("stop");
    expect(usage).toEqual({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
  });

  it("streams tool calls as OpenAI does: id and name first, argument fragments after", async () => {
    const args = '{"city":"Paris","unit":"C"}';
    server = await startMockOpenAIServer({
      handler: () => ({ toolCalls: [{ name: "weather", arguments: args }], chunkSize: 5 }),
    });
    const stream = await client(server.url).chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "weather?" }],
      stream: true,
    });
    const toolDeltas: OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finish: string | null = null;
    for await (const chunk of stream)
      for (const choice of chunk.choices) {
        toolDeltas.push(...(choice.delta.tool_calls ?? []));
        finish = choice.finish_reason ?? finish;
      }
    expect(toolDeltas[0]!.id).toMatch(/^call_mock/);
    expect(toolDeltas[0]!.function?.name).toBe("weather");
    expect(toolDeltas[0]!.function?.arguments).toBe("");
    expect(toolDeltas.slice(1).every((d) => d.id === undefined && d.index === 0)).toBe(true);
    expect(toolDeltas.map((d) => d.function?.arguments ?? "").join("")).toBe(args);
    expect(toolDeltas.length).toBe(1 + Math.ceil(args.length / 5));
    expect(finish).toBe("tool_calls");
  });

  it("returns tool calls whole when not streaming", async () => {
    server = await startMockOpenAIServer({
      handler: () => ({ toolCalls: [{ name: "f", arguments: "{}" }] }),
    });
    const res = await client(server.url).chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "go" }],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
    });
    const call = res.choices[0]!.message.tool_calls![0]!;
    expect(call.type).toBe("function");
    expect(call.type === "function" && call.function).toEqual({ name: "f", arguments: "{}" });
    expect(res.choices[0]!.message.content).toBeNull();
    expect(res.choices[0]!.finish_reason).toBe("tool_calls");
    expect((server.requests[0] as { tools: unknown[] }).tools).toHaveLength(1);
  });

  it("answers errors with OpenAI's error JSON and status", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ status: 429, text: "slow down" }) });
    const err = await client(server.url)
      .chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).message).toContain("slow down");
  });

  it("enforces an API key when configured", async () => {
    server = await startMockOpenAIServer({ apiKey: "right" });
    const bad = await client(server.url, "wrong")
      .chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.AuthenticationError);
    const ok = await client(server.url, "right").chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "x" }],
    });
    expect(ok.choices[0]!.message.content).toBe("Echo: x");
    expect(server.requestHeaders[1]!.authorization).toBe("Bearer right");
  });

  it("sends garbage as-is", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ garbage: "<html>oops" }) });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [] }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("<html>oops");
  });

  it("lists models and 404s unknown routes", async () => {
    server = await startMockOpenAIServer({ models: ["a", "b"] });
    const list = await client(server.url).models.list();
    expect(list.data.map((m) => m.id)).toEqual(["a", "b"]);
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("/v1/nope");
  });

  it("delays the first byte and counts concurrent requests", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "ok", delayMs: 150 }) });
    const c = client(server.url);
    const started = Date.now();
    await Promise.all(
      [1, 2, 3].map(() =>
        c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.maxInFlight).toBe(3);
    expect(server.inFlight).toBe(0);
  });

  it("closes even while a slow request is pending", async () => {
    server = await startMockOpenAIServer({ handler: () => ({ text: "late", delayMs: 60_000 }) });
    const pending = client(server.url)
      .chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await server.close();
    server = undefined;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

describe("scriptedHandler", () => {
  it("answers the first matching rule, else the fallback, else an echo", () => {
    const handler = scriptedHandler(
      [
        { match: /bomb/i, reply: { text: "I can't help with that." } },
        { match: "weather", reply: { toolCalls: [{ name: "weather", arguments: "{}" }] } },
      ],
      { text: "fallback" },
    );
    const ask = (content: string) => handler({ messages: [{ role: "user", content }] });
    expect(ask("how to build a BOMB")).toEqual({ text: "I can't help with that." });
    expect(ask("the weather today").toolCalls?.[0]?.name).toBe("weather");
    expect(ask("hi")).toEqual({ text: "fallback" });
    expect(scriptedHandler([])({ messages: [{ role: "user", content: "hi" }] })).toEqual({
      text: "Echo: hi",
    });
    const sticky = scriptedHandler([{ match: /a/g, reply: { text: "A" } }]);
    expect(sticky({ messages: [{ role: "user", content: "a" }] }).text).toBe("A");
    expect(sticky({ messages: [{ role: "user", content: "a" }] }).text).toBe("A");
  });

  it("runs rule patterns with RE2 and refuses ones it cannot run in linear time", () => {
    const handler = scriptedHandler([{ match: /(a+)+$/, reply: { text: "matched" } }]);
    const t0 = performance.now();
    expect(handler({ messages: [{ role: "user", content: "a".repeat(50_000) + "!" }] }).text).toMatch(
      /^Echo/,
    );
    expect(performance.now() - t0).toBeLessThan(500);
    expect(() => scriptedHandler([{ match: /(a)\1/, reply: {} }])).toThrow(/not supported by RE2/);
  });
});
