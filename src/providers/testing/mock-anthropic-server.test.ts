import { afterEach, describe, expect, it } from "vitest";
import { startMockAnthropicServer, type MockAnthropicServer } from "./mock-anthropic-server.js";

let server: MockAnthropicServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("mock Anthropic server", () => {
  it("streams the Messages API event sequence", async () => {
    server = await startMockAnthropicServer({
      handler: () => ({ text: "Hi!", toolCalls: [{ name: "t", arguments: '{"a":1}' }], chunkSize: 2 }),
    });
    const res = await post(server.url, {
      model: "c",
      max_tokens: 10,
      stream: true,
      messages: [{ role: "user", content: "x" }],
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const raw = await res.text();
    const events = raw
      .split("\n\n")
      .filter(Boolean)
      .map((block) => {
        const [eventLine, dataLine] = block.split("\n");
        const data = JSON.parse(dataLine!.slice("data: ".length)) as { type: string };
        expect(eventLine).toBe(`event: ${data.type}`);
        return data;
      });
    expect(events.map((e) => e.type)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta", // the empty opening fragment Anthropic sends
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[13]).toMatchObject({ delta: { stop_reason: "tool_use" } });
  });

  it("requires max_tokens and a matching key, like the real API", async () => {
    server = await startMockAnthropicServer({ apiKey: "k" });
    const noMax = await post(server.url, { model: "c", messages: [] }, { "x-api-key": "k" });
    expect(noMax.status).toBe(400);
    const badKey = await post(
      server.url,
      { model: "c", max_tokens: 5, messages: [] },
      { "x-api-key": "nope" },
    );
    expect(badKey.status).toBe(401);
    expect(await badKey.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "invalid x-api-key" },
    });
  });

  it("rejects non-JSON tool arguments in a whole message with a clear 500", async () => {
    server = await startMockAnthropicServer({
      handler: () => ({ toolCalls: [{ name: "t", arguments: "{oops" }] }),
    });
    const res = await post(server.url, {
      model: "c",
      max_tokens: 5,
      messages: [{ role: "user", content: "x" }],
    });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).toContain("must be a JSON object");
  });
});
