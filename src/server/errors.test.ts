/**
 * Every failure is an HTTP error in OpenAI's format `{ error: { message, type, param, code } }`: bad JSON,
 * schema errors naming the field, wrong key, oversized body, upstream timeout, garbage and 5xx, unknown
 * routes. The official SDK raises its usual error classes for them.
 */
import { Hono } from "hono";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { hashKey } from "./auth/hash-key.js";
import { closedPort, startHarness, type Harness } from "./testing/harness.js";

const KEY = "gs-test-key-0123456789abcdef";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${h!.server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as ErrorBody };
}

function expectOpenAIError(body: ErrorBody) {
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(typeof body.error.message).toBe("string");
}

const chat = (content = "hello") =>
  JSON.stringify({ model: "mock-model", messages: [{ role: "user", content }] });

describe("request errors", () => {
  it("400 for a body that is not JSON", async () => {
    h = await startHarness();
    const r = await post("/v1/chat/completions", '{"model": "x", "messages": [');
    expect(r.status).toBe(400);
    expectOpenAIError(r.body);
    expect(r.body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
    expect(r.body.error.message).toMatch(/could not parse the JSON body/);
  });

  it("400 naming the field for a schema error", async () => {
    h = await startHarness();
    const bad = await post(
      "/v1/chat/completions",
      JSON.stringify({
        model: "m",
        messages: [
          { role: "user", content: "hi" },
          { role: "wizard", content: "x" },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expectOpenAIError(bad.body);
    expect(bad.body.error.param).toBe("messages[1].role");
    expect(bad.body.error.message).toContain("messages[1].role");

    const missing = await post("/v1/chat/completions", JSON.stringify({ model: "m" }));
    expect(missing.body.error.param).toBe("messages");
    expect(missing.body.error.code).toBe("missing_required_parameter");

    const n = await post(
      "/v1/chat/completions",
      JSON.stringify({ n: 2, messages: [{ role: "user", content: "hi" }] }),
    );
    expect(n.body.error.param).toBe("n");

    const image = await post(
      "/v1/chat/completions",
      JSON.stringify({
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "http://x/y.png" } }] }],
      }),
    );
    expect(image.status).toBe(400);
    expect(image.body.error.param).toBe("messages[0].content");

    const tool = await post(
      "/v1/chat/completions",
      JSON.stringify({ messages: [{ role: "tool", content: "x" }] }),
    );
    expect(tool.body.error.param).toBe("messages[0].tool_call_id");
    expect(h.mock.requests).toHaveLength(0);
  });

  it("413 for a body over limits.maxBodyBytes, declared or streamed in", async () => {
    h = await startHarness({ config: { limits: { maxBodyBytes: 2_000 } } });
    const r = await post("/v1/chat/completions", chat("x".repeat(5_000)));
    expect(r.status).toBe(413);
    expectOpenAIError(r.body);
    expect(r.body.error.code).toBe("request_too_large");
    expect(r.body.error.message).toContain("2000 bytes");

    // No Content-Length (chunked): cut off once it passes the limit.
    const big = "x".repeat(5_000);
    const res = await fetch(`${h.server.url}/v1/guard`, {
      method: "POST",
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(`{"stage":"input","text":"${big}"}`));
          c.close();
        },
      }),
      // undici needs duplex for a stream body
      duplex: "half",
    });
    expect(res.status).toBe(413);
    // Via the SDK: an APIError with status 413.
    await expect(
      h.client.chat.completions.create({ model: "m", messages: [{ role: "user", content: big }] }),
    ).rejects.toMatchObject({ status: 413 });
  });

  it("404 in OpenAI's format for an unknown route", async () => {
    h = await startHarness();
    const res = await fetch(`${h.server.url}/v1/completions`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expectOpenAIError((await res.json()) as ErrorBody);
  });
});

describe("API keys", () => {
  it("401 for a missing or wrong key; the right key passes", async () => {
    h = await startHarness({ config: { keys: [{ id: "team-a", hash: hashKey(KEY) }] }, apiKey: KEY });
    const ok = await h.client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(ok.choices[0]?.message.content).toBe("Echo: hi");

    const none = await post("/v1/chat/completions", chat());
    expect(none.status).toBe(401);
    expectOpenAIError(none.body);
    expect(none.body.error.code).toBe("missing_api_key");

    const wrong = new OpenAI({ baseURL: h.baseURL, apiKey: `${KEY}x`, maxRetries: 0 });
    await expect(
      wrong.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
    const guard = await post("/v1/guard", JSON.stringify({ stage: "input", text: "hi" }), {
      authorization: "Bearer nope",
    });
    expect(guard.status).toBe(401);
    // Only the right key reached the upstream.
    expect(h.mock.requests).toHaveLength(1);
    // The client's key is never forwarded upstream.
    expect(JSON.stringify(h.mock.requestHeaders)).not.toContain(KEY);
  });
});

describe("mounted sub-apps", () => {
  it("serves them beside the API, without the API key (they bring their own sign-in)", async () => {
    const extra = new Hono().get("/", (c) => c.text("extra page"));
    h = await startHarness({
      config: { keys: [{ id: "a", hash: hashKey(KEY) }] },
      server: {
        mount: (state) => ({ "/extra": extra.get("/keys", (c) => c.text(String(state.keys.size))) }),
      },
    });
    expect(await (await fetch(`${h.server.url}/extra`)).text()).toBe("extra page");
    expect(await (await fetch(`${h.server.url}/extra/keys`)).text()).toBe("1");
    expect((await fetch(`${h.server.url}/v1/models`)).status).toBe(401);
  });
});

describe("upstream failures", () => {
  it("504 when the upstream does not answer in time", async () => {
    h = await startHarness({
      handler: () => ({ text: "late", delayMs: 3_000 }),
      upstream: { timeoutMs: 300 },
    });
    const t0 = performance.now();
    const err = await h.client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(2_500);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe("upstream_timeout");
  });

  it("502 for a garbage body, whole or streamed, and for an upstream 5xx, without naming the upstream", async () => {
    h = await startHarness({
      handler: (body) =>
        JSON.stringify(body.messages).includes("crash")
          ? { status: 500, text: "boom" }
          : { garbage: "<html>oops</html>" },
    });
    const garbage = await post("/v1/chat/completions", chat("hi"));
    expect(garbage.status).toBe(502);
    expectOpenAIError(garbage.body);
    expect(garbage.body.error.code).toBe("upstream_bad_response");
    expect(JSON.stringify(garbage.body)).not.toContain(h.mock.url);
    expect(JSON.stringify(garbage.body)).not.toContain("127.0.0.1");

    await expect(
      h.client.chat.completions.create({
        model: "m",
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      }),
    ).rejects.toMatchObject({ status: 502 });

    const crash = await post("/v1/chat/completions", chat("crash"));
    expect(crash.status).toBe(502);
    expect(crash.body.error.code).toBe("upstream_error");
  });

  it("502 when the upstream cannot be reached", async () => {
    h = await startHarness({ upstream: { baseURL: `http://127.0.0.1:${await closedPort()}/v1` } });
    const r = await post("/v1/chat/completions", chat("hi"));
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe("upstream_unreachable");
  });
});
