/** The benchmark's pass-through proxy really forwards: whole answers, streams and errors arrive as sent. */
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startMockOpenAIServer, type MockOpenAIServer } from "../../providers/testing/mock-openai-server.js";
import { closedPort } from "./harness.js";
import { startPassThroughProxy, type PassThroughProxy } from "./pass-through-proxy.js";

let upstream: MockOpenAIServer | undefined;
let proxy: PassThroughProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = upstream = undefined;
});

describe("pass-through proxy", () => {
  it("forwards a whole completion and a stream unchanged, through the openai SDK", async () => {
    upstream = await startMockOpenAIServer();
    proxy = await startPassThroughProxy(upstream.url);
    const client = new OpenAI({ baseURL: proxy.baseURL, apiKey: "k", maxRetries: 0 });
    const messages = [{ role: "user" as const, content: "count the kettles" }];
    const whole = await client.chat.completions.create({ model: "mock-model", messages });
    const direct = await new OpenAI({
      baseURL: upstream.url,
      apiKey: "k",
      maxRetries: 0,
    }).chat.completions.create({ model: "mock-model", messages });
    expect(whole.choices[0]?.message.content).toBe(direct.choices[0]?.message.content);
    expect(upstream.requests).toHaveLength(2);
    expect(upstream.requestHeaders[0]?.authorization).toBe("Bearer k");

    let streamed = "";
    for await (const chunk of await client.chat.completions.create({
      model: "mock-model",
      messages,
      stream: true,
    }))
      streamed += chunk.choices[0]?.delta?.content ?? "";
    expect(streamed).toBe(direct.choices[0]?.message.content);
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    proxy = await startPassThroughProxy(`http://127.0.0.1:${await closedPort()}/v1`);
    const res = await fetch(`${proxy.baseURL}/chat/completions`, { method: "POST", body: "{}" });
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/^pass-through proxy: /);
  });
});
