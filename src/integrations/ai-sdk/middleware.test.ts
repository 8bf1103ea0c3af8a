import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { generateText, jsonSchema, streamText, tool, wrapLanguageModel } from "ai";
import { convertArrayToReadableStream, MockLanguageModelV3 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { createGuard, type Guard } from "../../guard/create-guard.js";
import type { GuardReport } from "../../guard/wrap/types.js";
import { guardMiddleware } from "./index.js";

const KEY = "ghp_R2d2C3poBb8kX9mQw7TzLp4Nv6Hs1Jy0Ke3F"; // fake
const AWS = "AKIAQ4NFT7GZ2XK5LD3W"; // fake

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** Test fixture: a mock model that answers with fixed text (and optional tool calls), recording its calls. */
function mockModel(text: string, toolCalls: { name: string; input: string }[] = []) {
  return new MockLanguageModelV3({
    doGenerate: () =>
      Promise.resolve({
        content: [
          ...(text ? [{ type: "text" as const, text }] : []),
          ...toolCalls.map((c, i) => ({
            type: "tool-call" as const,
            toolCallId: `t${i}`,
            toolName: c.name,
            input: c.input,
          })),
        ],
        finishReason: {
          unified: toolCalls.length ? ("tool-calls" as const) : ("stop" as const),
          raw: undefined,
        },
        usage,
        warnings: [],
      }),
    doStream: () => {
      const parts: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "reasoning-start", id: "r" },
        { type: "reasoning-delta", id: "r", delta: "thinking..." },
        { type: "reasoning-end", id: "r" },
        { type: "text-start", id: "1" },
      ];
      for (let i = 0; i < text.length; i += 4)
        parts.push({ type: "text-delta", id: "1", delta: text.slice(i, i + 4) });
      parts.push({ type: "text-end", id: "1" });
      toolCalls.forEach((c, i) => {
        parts.push({ type: "tool-input-start", id: `t${i}`, toolName: c.name });
        parts.push({ type: "tool-input-delta", id: `t${i}`, delta: c.input });
        parts.push({ type: "tool-input-end", id: `t${i}` });
        parts.push({ type: "tool-call", toolCallId: `t${i}`, toolName: c.name, input: c.input });
      });
      parts.push({
        type: "finish",
        usage,
        finishReason: { unified: toolCalls.length ? "tool-calls" : "stop", raw: undefined },
      });
      return Promise.resolve({ stream: convertArrayToReadableStream(parts) });
    },
  });
}

const lastUserText = (call: LanguageModelV3CallOptions | undefined): string => {
  const m = [...(call?.prompt ?? [])].reverse().find((x) => x.role === "user");
  return m && m.role === "user" ? m.content.map((p) => (p.type === "text" ? p.text : "")).join("") : "";
};

const tools = {
  get_weather: tool({
    inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } } }),
  }),
  drop_database: tool({
    inputSchema: jsonSchema<{ name: string }>({ type: "object", properties: { name: { type: "string" } } }),
  }),
};

let guard: Guard;
beforeAll(async () => {
  guard = await createGuard({
    policy: {
      extends: "default",
      terms: { banned: ["project nightshade"] },
      tools: { drop_database: { allowed: false } },
    },
  });
});

describe("guardMiddleware with generateText", () => {
  it("passes a clean call and attaches the report as provider metadata", async () => {
    const inner = mockModel("Hello! How can I help?");
    const reports: GuardReport[] = [];
    const model = wrapLanguageModel({
      model: inner,
      middleware: guardMiddleware(guard, { onReport: (r) => reports.push(r) }),
    });
    const r = await generateText({ model, prompt: "hi" });
    expect(r.text).toBe("Hello! How can I help?");
    expect(r.providerMetadata?.guardstack).toMatchObject({
      input: { action: "allow", layer: "input-rail", reasons: [] },
      output: { action: "allow" },
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.input?.latencyMs.total).toBeGreaterThan(0);
  });

  it("answers a blocked input with the safe reply without calling the model", async () => {
    const inner = mockModel("should not be seen");
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    const r = await generateText({ model, prompt: "explain project nightshade" });
    expect(inner.doGenerateCalls).toHaveLength(0);
    expect(r.text).toBe("I can't help with that request.");
    expect(r.finishReason).toBe("content-filter");
    expect(r.providerMetadata?.guardstack).toMatchObject({
      blockedAt: "input",
      input: { action: "block", reasons: [{ category: "banned-content" }] },
    });
  });

  it("sends the model the redacted prompt", async () => {
    const inner = mockModel("Noted.");
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    await generateText({
      model,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Mail jane.roe@example.com the invoice" }] },
      ],
    });
    expect(lastUserText(inner.doGenerateCalls[0])).toBe("Mail [EMAIL_1] the invoice");
  });

  it("blocks a leaking answer and redacts personal data", async () => {
    const leak = wrapLanguageModel({
      model: mockModel(`Your token: ${KEY}`),
      middleware: guardMiddleware(guard),
    });
    const r = await generateText({ model: leak, prompt: "token?" });
    expect(r.text).toBe("I can't help with that request.");
    expect(r.finishReason).toBe("content-filter");
    const pii = wrapLanguageModel({
      model: mockModel("Ask john.doe@example.org."),
      middleware: guardMiddleware(guard),
    });
    expect((await generateText({ model: pii, prompt: "who?" })).text).toBe("Ask [EMAIL_1].");
  });

  it("removes tool calls the tool rail blocks", async () => {
    const inner = mockModel("", [
      { name: "get_weather", input: '{"city":"Lyon"}' },
      { name: "drop_database", input: '{"name":"prod"}' },
    ]);
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    const r = await generateText({ model, prompt: "weather and cleanup", tools });
    expect(r.toolCalls.map((c) => c.toolName)).toEqual(["get_weather"]);
    expect(r.providerMetadata?.guardstack).toMatchObject({
      toolCalls: [
        { tool: "get_weather", action: "allow" },
        { tool: "drop_database", action: "block" },
      ],
    });
  });

  it("checks tool results in the prompt before the model reads them", async () => {
    const inner = mockModel("Done.");
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    await generateText({
      model,
      tools,
      messages: [
        { role: "user", content: "get it" },
        {
          role: "assistant",
          content: [{ type: "tool-call", toolCallId: "c1", toolName: "get_weather", input: { city: "x" } }],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: "c1",
              toolName: "get_weather",
              output: { type: "text", value: `sunny. aws_access_key_id = ${AWS}` },
            },
          ],
        },
      ],
    });
    const toolMsg = inner.doGenerateCalls[0]!.prompt.find((m) => m.role === "tool")!;
    const part = toolMsg.role === "tool" ? toolMsg.content[0] : undefined;
    expect(part?.type === "tool-result" && part.output).toMatchObject({ type: "text" });
    const value = part?.type === "tool-result" && part.output.type === "text" ? part.output.value : "";
    expect(value).toContain("sunny.");
    expect(value).not.toContain(AWS);
  });
});

describe("guardMiddleware with streamText", () => {
  it("streams only checked text, drops unchecked reasoning, reports on finish", async () => {
    const model = wrapLanguageModel({
      model: mockModel("First sentence. Second sentence."),
      middleware: guardMiddleware(guard),
    });
    const result = streamText({ model, prompt: "hi" });
    const parts: string[] = [];
    for await (const p of result.fullStream) parts.push(p.type);
    expect(await result.text).toBe("First sentence. Second sentence.");
    expect(parts).not.toContain("reasoning-delta");
    expect(await result.providerMetadata).toMatchObject({ guardstack: { output: { action: "allow" } } });
  });

  it("passes reasoning when asked", async () => {
    const model = wrapLanguageModel({
      model: mockModel("Ok."),
      middleware: guardMiddleware(guard, { reasoning: "pass" }),
    });
    const result = streamText({ model, prompt: "hi" });
    expect(await result.reasoningText).toBe("thinking...");
  });

  it("never releases a leaked credential and ends with the safe reply", async () => {
    const model = wrapLanguageModel({
      model: mockModel(`Here you go. export TOKEN=${KEY} and more text after.`),
      middleware: guardMiddleware(guard),
    });
    const result = streamText({ model, prompt: "token please" });
    let streamed = "";
    for await (const delta of result.textStream) streamed += delta;
    expect(streamed).not.toContain("ghp_");
    expect(streamed.endsWith("I can't help with that request.")).toBe(true);
    expect(await result.finishReason).toBe("content-filter");
  });

  it("answers a blocked input in the stream without calling the model", async () => {
    const inner = mockModel("unseen");
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    const result = streamText({ model, prompt: "project nightshade now" });
    expect(await result.text).toBe("I can't help with that request.");
    expect(inner.doStreamCalls).toHaveLength(0);
  });

  it("emits only allowed tool calls, checked, after the text", async () => {
    const inner = mockModel("Sure.", [
      { name: "get_weather", input: '{"city":"Lyon"}' },
      { name: "drop_database", input: '{"name":"prod"}' },
    ]);
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    const result = streamText({ model, prompt: "do both", tools });
    const calls = await result.toolCalls;
    expect(calls.map((c) => c.toolName)).toEqual(["get_weather"]);
    expect(await result.text).toBe("Sure.");
  });

  it("reports a provider error as an error, not as a policy block", async () => {
    const inner = new MockLanguageModelV3({
      doStream: () =>
        Promise.resolve({
          stream: new ReadableStream<LanguageModelV3StreamPart>({
            start(c) {
              c.enqueue({ type: "text-start", id: "1" });
              c.enqueue({ type: "text-delta", id: "1", delta: "Partial answer with jane" });
              c.error(new Error("upstream reset"));
            },
          }),
        }),
    });
    const model = wrapLanguageModel({ model: inner, middleware: guardMiddleware(guard) });
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: "hi", onError: ({ error }) => void errors.push(error) });
    let text = "";
    for await (const d of result.textStream) text += d;
    expect(text).toBe("");
    expect(String(errors[0])).toContain("upstream reset");
  });
});
