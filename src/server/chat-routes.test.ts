/**
 * The chat route is served two ways: by startServer straight on Node's request and response (its own
 * path), and by the Hono app that createApp returns (for embedders, e.g. app.request()). Both must give
 * the same answers; a draining server answers through the app with 503.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import type { GuardReport } from "./chat/summary.js";
import { startHarness, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const body = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: "mock-model",
    messages: [{ role: "user", content: "Write to jane.roe@example.com today." }],
    ...extra,
  });

interface Completion {
  object: string;
  choices: Array<{ message: { content: string }; finish_reason: string }>;
  guardstack: GuardReport;
}

/** The text of an SSE chat stream, and its last chunk's finish reason. */
function readSse(text: string): { content: string; finish: string | undefined; done: boolean } {
  let content = "";
  let finish: string | undefined;
  for (const event of text.split("\n\n")) {
    if (!event.startsWith("data: {")) continue;
    const chunk = JSON.parse(event.slice(6)) as {
      choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
    };
    content += chunk.choices[0]?.delta.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { content, finish, done: text.trimEnd().endsWith("data: [DONE]") };
}

describe("the chat route, served directly and through the Hono app", () => {
  it("answers whole and streamed completions the same way on both", async () => {
    h = await startHarness();
    const app = createApp(h.server.state);
    const direct = await fetch(`${h.baseURL}/chat/completions`, { method: "POST", body: body() });
    const viaApp = await app.request("/v1/chat/completions", { method: "POST", body: body() });
    for (const res of [direct, viaApp]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      const c = (await res.json()) as Completion;
      expect(c.object).toBe("chat.completion");
      expect(c.choices[0]?.message.content).toBe("Echo: Write to [EMAIL_1] today.");
      expect(c.guardstack.input?.action).toBe("modify");
    }

    const streamDirect = await fetch(`${h.baseURL}/chat/completions`, {
      method: "POST",
      body: body({ stream: true }),
    });
    const streamApp = await app.request("/v1/chat/completions", {
      method: "POST",
      body: body({ stream: true }),
    });
    for (const res of [streamDirect, streamApp]) {
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      expect(readSse(await res.text())).toEqual({
        content: "Echo: Write to [EMAIL_1] today.",
        finish: "stop",
        done: true,
      });
    }
    expect(h.mock.requests).toHaveLength(4);
  });

  it("gives the same OpenAI errors on both: bad JSON, oversized body", async () => {
    h = await startHarness({ config: { limits: { maxBodyBytes: 500 } } });
    const app = createApp(h.server.state);
    const post = async (payload: string) => {
      const a = await fetch(`${h!.baseURL}/chat/completions`, { method: "POST", body: payload });
      const b = await app.request("/v1/chat/completions", { method: "POST", body: payload });
      return [
        { status: a.status, body: (await a.json()) as { error: { code: string } } },
        { status: b.status, body: (await b.json()) as { error: { code: string } } },
      ];
    };
    for (const r of await post("{not json"))
      expect([r.status, r.body.error.code]).toEqual([400, "invalid_json"]);
    for (const r of await post(body({ padding: "x".repeat(1_000) })))
      expect([r.status, r.body.error.code]).toEqual([413, "request_too_large"]);
    expect(h.mock.requests).toHaveLength(0);
  });

  it("answers 503 while draining, on a connection that is still open", async () => {
    h = await startHarness();
    h.server.state.draining = true;
    const res = await fetch(`${h.baseURL}/chat/completions`, { method: "POST", body: body() });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("shutting_down");
    h.server.state.draining = false;
  });
});

describe("work after the response", () => {
  it("charges output tokens once the answer is out, before the next request is checked", async () => {
    const answer = "word ".repeat(60).trim(); // 60 output tokens by the mock's count
    h = await startHarness({
      handler: () => ({ text: answer }),
      config: {
        policy: { extends: "default", rateLimits: { user: { requests: null, tokens: { limit: 100 } } } },
      },
    });
    const ask = () =>
      fetch(`${h!.baseURL}/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ user: "ann", messages: [{ role: "user", content: "hi" }] }),
      });
    expect((await ask()).status).toBe(200);
    // 60 tokens charged for the first answer: the second request still fits, its answer goes over.
    expect((await ask()).status).toBe(200);
    const third = await ask();
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
    expect(h.server.state.background.size).toBe(0);
  });
});
