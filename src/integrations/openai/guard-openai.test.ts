import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuard, type Guard } from "../../guard/create-guard.js";
import {
  scriptedHandler,
  startMockOpenAIServer,
  type MockOpenAIServer,
} from "../../providers/testing/mock-openai-server.js";
import { guardOpenAI } from "./index.js";

const KEY = "ghp_R2d2C3poBb8kX9mQw7TzLp4Nv6Hs1Jy0Ke3F"; // fake
const AWS = "AKIAQ4NFT7GZ2XK5LD3W"; // fake

/** Test fixture: the "model" answers from a script keyed on the last user message. */
const handler = scriptedHandler([
  {
    match: "leak",
    reply: { text: `Sure. Use export API_TOKEN=${KEY} in your shell, then restart.`, chunkSize: 3 },
  },
  { match: "contact", reply: { text: "Write to john.doe@example.org for help. Thanks.", chunkSize: 2 } },
  {
    match: "tools",
    reply: {
      text: "On it.",
      toolCalls: [
        { name: "get_weather", arguments: '{"city":"Lyon"}' },
        { name: "drop_database", arguments: '{"name":"prod"}' },
      ],
    },
  },
  { match: "slow", reply: { text: "One. Two. Three. Four. Five. Six.", chunkSize: 2, chunkDelayMs: 30 } },
]);

let server: MockOpenAIServer;
let guard: Guard;
let ai: ReturnType<typeof guardOpenAI>;
beforeAll(async () => {
  server = await startMockOpenAIServer({ handler, apiKey: "sk-test" });
  guard = await createGuard({
    policy: {
      extends: "default",
      terms: { banned: ["project nightshade"] },
      tools: { drop_database: { allowed: false } },
    },
  });
  ai = guardOpenAI(new OpenAI({ baseURL: server.url, apiKey: "sk-test", maxRetries: 0 }), guard);
});
afterAll(() => server.close());

const lastBody = () => server.requests.at(-1) as { messages: { role: string; content: unknown }[] };

async function collect(stream: AsyncIterable<ChatCompletionChunk>) {
  const chunks: ChatCompletionChunk[] = [];
  for await (const c of stream) chunks.push(c);
  return chunks;
}
const contentOf = (chunks: ChatCompletionChunk[]) =>
  chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");

describe("guardOpenAI: create", () => {
  it("returns the real completion with the report", async () => {
    const r = await ai.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "hello" }],
    });
    expect(r.choices[0]!.message.content).toBe("Echo: hello");
    expect(r.object).toBe("chat.completion");
    expect(r.usage?.total_tokens).toBeGreaterThan(0);
    expect(r.guard.input?.action).toBe("allow");
    expect(r.guard.output?.action).toBe("allow");
  });

  it("does not call the model for a blocked input", async () => {
    const before = server.requests.length;
    const r = await ai.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "all about Project Nightshade" }],
    });
    expect(server.requests.length).toBe(before);
    expect(r.choices[0]).toMatchObject({
      message: { role: "assistant", content: "I can't help with that request." },
      finish_reason: "content_filter",
    });
    expect(r.guard.blockedAt).toBe("input");
  });

  it("sends redacted text parts and keeps image parts", async () => {
    await ai.chat.completions.create({
      model: "mock-model",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "My email is jane.roe@example.com." },
            { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
          ],
        },
      ],
    });
    expect(lastBody().messages[0]!.content).toEqual([
      { type: "text", text: "My email is [EMAIL_1]." },
      { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
    ]);
  });

  it("blocks a leaking answer, redacts personal data, filters tool calls", async () => {
    const leak = await ai.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "leak it" }],
    });
    expect(leak.choices[0]!.message.content).toBe("I can't help with that request.");
    expect(leak.choices[0]!.finish_reason).toBe("content_filter");
    const pii = await ai.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "contact?" }],
    });
    expect(pii.choices[0]!.message.content).toBe("Write to [EMAIL_1] for help. Thanks.");
    const tools = await ai.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "tools" }],
    });
    const calls = tools.choices[0]!.message.tool_calls ?? [];
    expect(calls.map((c) => (c.type === "function" ? c.function.name : c.custom.name))).toEqual([
      "get_weather",
    ]);
    expect(tools.choices[0]!.finish_reason).toBe("tool_calls");
    expect(tools.guard.toolCalls.map((d) => d.action)).toEqual(["allow", "block"]);
  });

  it("checks tool messages before the model reads them", async () => {
    const r = await ai.chat.completions.create({
      model: "mock-model",
      messages: [
        { role: "user", content: "read the config" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "read_file", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: `region=eu\naws_access_key_id = ${AWS}` },
      ],
    });
    const sent = lastBody().messages[2]!.content as string;
    expect(sent).toContain("region=eu");
    expect(sent).not.toContain(AWS);
    expect(r.guard.toolResults).toMatchObject([{ tool: "read_file", tainted: true }]);
  });

  it("checks a refusal like content", async () => {
    // Test fixture: a client whose model refuses, naming an address (the mock server cannot refuse).
    const fake = {
      chat: {
        completions: {
          create: () =>
            Promise.resolve({
              id: "x",
              object: "chat.completion",
              created: 0,
              model: "m",
              choices: [
                {
                  index: 0,
                  logprobs: null,
                  finish_reason: "stop",
                  message: {
                    role: "assistant",
                    content: null,
                    refusal: "No. Complaints go to ops@example.com.",
                  },
                },
              ],
            }),
        },
      },
    } as unknown as OpenAI;
    const r = await guardOpenAI(fake, guard).chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "do it" }],
    });
    expect(r.choices[0]!.message.refusal).toBe("No. Complaints go to [EMAIL_1].");
    expect(r.choices[0]!.message.content).toBeNull();
    expect(r.guard.output?.action).toBe("modify");
  });

  it("refuses n > 1 with a clear message", async () => {
    await expect(
      ai.chat.completions.create({ model: "mock-model", n: 2, messages: [{ role: "user", content: "x" }] }),
    ).rejects.toThrow(/n > 1 is not supported/);
  });

  it("passes upstream errors through", async () => {
    const bad = guardOpenAI(new OpenAI({ baseURL: server.url, apiKey: "wrong", maxRetries: 0 }), guard);
    await expect(
      bad.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hi" }] }),
    ).rejects.toThrow(/Incorrect API key/);
  });
});

describe("guardOpenAI: stream", () => {
  it("streams checked text in OpenAI's chunk shape, with usage", async () => {
    const stream = await ai.chat.completions.create({
      model: "mock-model",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "contact please" }],
    });
    const chunks = await collect(stream);
    expect(contentOf(chunks)).toBe("Write to [EMAIL_1] for help. Thanks.");
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish?.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.at(-1)!.usage?.total_tokens).toBeGreaterThan(0);
    expect(stream.guard.output?.action).toBe("modify");
  });

  it("never sends a leaked credential: the safe reply and content_filter instead", async () => {
    const stream = await ai.chat.completions.create({
      model: "mock-model",
      stream: true,
      messages: [{ role: "user", content: "leak now" }],
    });
    const chunks = await collect(stream);
    const text = contentOf(chunks);
    expect(text).not.toContain("ghp_");
    expect(text.endsWith("I can't help with that request.")).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("content_filter");
    expect(stream.guard.blockedAt).toBe("output");
  });

  it("sends only allowed tool calls, whole, after the text", async () => {
    const chunks = await collect(
      await ai.chat.completions.create({
        model: "mock-model",
        stream: true,
        messages: [{ role: "user", content: "tools" }],
      }),
    );
    const withCalls = chunks.filter((c) => c.choices[0]?.delta.tool_calls);
    expect(withCalls).toHaveLength(1);
    expect(withCalls[0]!.choices[0]!.delta.tool_calls).toEqual([
      {
        index: 0,
        id: expect.any(String),
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Lyon"}' },
      },
    ]);
    expect(contentOf(chunks)).toBe("On it.");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("answers a blocked input in chunks without calling the model", async () => {
    const before = server.requests.length;
    const chunks = await collect(
      await ai.chat.completions.create({
        model: "mock-model",
        stream: true,
        messages: [{ role: "user", content: "project nightshade" }],
      }),
    );
    expect(server.requests.length).toBe(before);
    expect(contentOf(chunks)).toBe("I can't help with that request.");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("content_filter");
  });

  it("aborts the upstream request when the consumer stops", async () => {
    const stream = await ai.chat.completions.create({
      model: "mock-model",
      stream: true,
      messages: [{ role: "user", content: "slow please" }],
    });
    for await (const c of stream) {
      if (c.choices[0]?.delta.content) break;
    }
    expect(stream.controller.signal.aborted).toBe(true);
  });
});
