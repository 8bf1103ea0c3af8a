/**
 * The proxy's upstream client over real HTTP: against the mock OpenAI server, and against small raw
 * servers for what the mock cannot do (count connections, drop them, stall a body, send retry headers).
 * Failures must read exactly as the SDK-based openAICompatibleProvider's, so clients see the same errors.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { openAICompatibleProvider } from "../../providers/openai-compatible.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../../providers/testing/mock-openai-server.js";
import { ProviderError, type ChatChunk, type Provider } from "../../providers/types.js";
import { closedPort, startHarness, type Harness } from "../testing/harness.js";
import { openAIUpstream, type OpenAIUpstream } from "./openai-upstream.js";

let mock: MockOpenAIServer | undefined;
let raw: Server | undefined;
let client: OpenAIUpstream | undefined;
let h: Harness | undefined;
afterEach(async () => {
  client?.close();
  client = undefined;
  await mock?.close();
  mock = undefined;
  if (raw) {
    raw.closeAllConnections();
    await new Promise<void>((resolve) => raw!.close(() => resolve()));
    raw = undefined;
  }
  await h?.close();
  h = undefined;
});

const ask = { messages: [{ role: "user" as const, content: "hello" }] };

function upstream(opts: Parameters<typeof openAIUpstream>[0]): OpenAIUpstream {
  client = openAIUpstream(opts);
  return client;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

async function collect(provider: Provider, content = "hello", signal?: AbortSignal): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  const request = { messages: [{ role: "user" as const, content }], ...(signal ? { signal } : {}) };
  for await (const chunk of provider.stream(request)) out.push(chunk);
  return out;
}

const completion = (text: string) =>
  JSON.stringify({
    id: "x",
    object: "chat.completion",
    created: 0,
    model: "raw-model",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

/** A raw HTTP server on 127.0.0.1; resolves to its OpenAI base URL. */
async function startRaw(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  setup?: (server: Server) => void,
): Promise<string> {
  raw = createServer(handler);
  setup?.(raw);
  await new Promise<void>((resolve) => raw!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}/v1`;
}

describe("openAIUpstream: requests and answers", () => {
  it("sends the mapped messages, tools and parameters once, with the key and headers, and maps the answer", async () => {
    mock = await startMockOpenAIServer({ apiKey: "sk-up" });
    const p = upstream({
      baseURL: `${mock.url}/`,
      model: "m",
      apiKey: "sk-up",
      headers: { "x-team": "safety" },
    });
    expect(p.name).toBe("openai:m");
    const res = await p.complete({
      model: "override",
      messages: [
        { role: "system", content: "sys" },
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
      model: "override",
      usage: { inputTokens: 4, outputTokens: 3 },
    });
    expect(mock.requests).toEqual([
      {
        model: "override",
        messages: [
          { role: "system", content: "sys" },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":1}' } }],
          },
          { role: "tool", tool_call_id: "c1", content: "result" },
          { role: "user", content: "hello world" },
        ],
        tools: [
          {
            type: "function",
            function: { name: "lookup", description: "look up", parameters: { type: "object" } },
          },
        ],
        temperature: 0,
        max_tokens: 50,
      },
    ]);
    expect(mock.requestHeaders[0]).toMatchObject({
      authorization: "Bearer sk-up",
      "x-team": "safety",
      "content-type": "application/json",
    });
  });

  it("reads the key from apiKeyEnv (and, as the SDK, the organization and project), and sends max_completion_tokens when told to", async () => {
    mock = await startMockOpenAIServer({ apiKey: "from-env" });
    process.env.GUARDSTACK_UPSTREAM_TEST_KEY = "from-env";
    process.env.OPENAI_ORG_ID = "org-test";
    process.env.OPENAI_PROJECT_ID = "proj-test";
    try {
      const p = upstream({
        baseURL: mock.url,
        model: "m",
        apiKeyEnv: "GUARDSTACK_UPSTREAM_TEST_KEY",
        maxTokensField: "max_completion_tokens",
      });
      expect((await p.complete({ ...ask, maxTokens: 9 })).text).toBe("Echo: hello");
      expect(mock.requests[0]).toMatchObject({ max_completion_tokens: 9 });
      expect(mock.requests[0]).not.toHaveProperty("max_tokens");
      expect(mock.requestHeaders[0]).toMatchObject({
        "openai-organization": "org-test",
        "openai-project": "proj-test",
      });
    } finally {
      delete process.env.GUARDSTACK_UPSTREAM_TEST_KEY;
      delete process.env.OPENAI_ORG_ID;
      delete process.env.OPENAI_PROJECT_ID;
    }
  });

  it("returns whole tool calls from a non-streamed answer", async () => {
    mock = await startMockOpenAIServer({
      handler: () => ({ toolCalls: [{ name: "search", arguments: '{"q":"cats"}' }] }),
    });
    const res = await upstream({ baseURL: mock.url, model: "m" }).complete(ask);
    expect(res.finishReason).toBe("tool_calls");
    expect(res.text).toBe("");
    expect(res.toolCalls).toEqual([
      { id: expect.stringMatching(/^call_mock/), name: "search", arguments: '{"q":"cats"}' },
    ]);
  });
});

describe("openAIUpstream: connections", () => {
  it("reuses kept-alive connections: sequential calls share one, concurrent ones a few", async () => {
    let accepted = 0;
    const url = await startRaw(
      (req, res) => {
        req.resume();
        req.on("end", () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(completion("ok"));
        });
      },
      (s) => s.on("connection", () => accepted++),
    );
    const p = upstream({ baseURL: url, model: "m", maxRetries: 0 });
    for (let i = 0; i < 20; i++) expect((await p.complete(ask)).text).toBe("ok");
    expect(accepted).toBe(1);
    await Promise.all(Array.from({ length: 6 }, () => p.complete(ask)));
    expect(accepted).toBeLessThanOrEqual(6);
    expect(p.connections).toBe(accepted);
    for (let i = 0; i < 5; i++) await p.complete(ask);
    expect(p.connections).toBe(accepted); // back to the pool, no new connection

    // close() drops the pool; the next call opens a fresh connection.
    p.close();
    expect((await p.complete(ask)).text).toBe("ok");
    expect(accepted).toBe(p.connections);
  });

  it("sends a request again on a fresh connection when the server closed the kept-alive one under it", async () => {
    let accepted = 0;
    const url = await startRaw(
      (req, res) => {
        req.resume();
        const served = (req.socket as { served?: number }).served ?? 0;
        (req.socket as { served?: number }).served = served + 1;
        // The second request on a connection finds it closed, as when a server's idle timeout fires just then.
        if (served >= 1) return void req.socket.destroy();
        req.on("end", () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(completion(`answer ${accepted}`));
        });
      },
      (s) => s.on("connection", () => accepted++),
    );
    const p = upstream({ baseURL: url, model: "m", maxRetries: 0 });
    expect((await p.complete(ask)).text).toBe("answer 1");
    expect((await p.complete(ask)).text).toBe("answer 2");
    expect(accepted).toBe(2);
  });

  it("fails a fresh connection that is refused as unreachable, worded as the SDK provider words it", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const p = upstream({ baseURL: url, model: "m", maxRetries: 0 });
    const err = await failure(p.complete(ask));
    expect(err.kind).toBe("unreachable");
    expect(err.message).toBe(`cannot reach ${url} (connection refused); is the server running? set baseURL`);
    const sdk = await failure(
      openAICompatibleProvider({ baseURL: url, model: "m", maxRetries: 0 }).complete(ask),
    );
    expect(err.message).toBe(sdk.message);
    expect((await failure(collect(p))).message).toBe(err.message);
  });

  it("keeps at most `concurrency` calls in flight at the server, streams included", async () => {
    mock = await startMockOpenAIServer({ handler: () => ({ text: "ok", delayMs: 40 }) });
    const p = upstream({ baseURL: mock.url, model: "m", concurrency: 2 });
    await Promise.all([
      ...Array.from({ length: 5 }, () => p.complete(ask)),
      ...Array.from({ length: 3 }, () => collect(p)),
    ]);
    expect(mock.requests).toHaveLength(8);
    expect(mock.maxInFlight).toBe(2);
  });
});

describe("openAIUpstream: timeouts and aborts", () => {
  it("times out a server slower than timeoutMs, with the SDK provider's message", async () => {
    mock = await startMockOpenAIServer({ handler: () => ({ text: "late", delayMs: 3_000 }) });
    const p = upstream({ baseURL: mock.url, model: "m", timeoutMs: 200, maxRetries: 0 });
    const t0 = performance.now();
    const err = await failure(p.complete(ask));
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(err.kind).toBe("timeout");
    expect(err.message).toBe(
      `no response from ${mock.url} within 200 ms (timeout); is the server overloaded? raise timeoutMs`,
    );
    // The abandoned request does not linger at the server.
    for (let i = 0; i < 100 && mock.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(mock.inFlight).toBe(0);
  });

  it("times out a whole answer whose body stalls after the headers", async () => {
    const url = await startRaw((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"choices":[');
    });
    const p = upstream({ baseURL: url, model: "m", timeoutMs: 200, maxRetries: 0 });
    const t0 = performance.now();
    const err = await failure(p.complete(ask));
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(err.kind).toBe("timeout");
  });

  it("times out a stream that stalls mid-way", async () => {
    mock = await startMockOpenAIServer({
      handler: () => ({ text: "a b c d", chunkSize: 1, chunkDelayMs: 2_000 }),
    });
    const p = upstream({ baseURL: mock.url, model: "m", timeoutMs: 200, maxRetries: 0 });
    const t0 = performance.now();
    const err = await failure(collect(p));
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(err.kind).toBe("timeout");
    expect(err.message).toContain(`stream stalled: no data from ${mock.url} within 200 ms`);
  });

  it("re-throws the caller's abort reason, for whole answers and streams, and cancels the upstream", async () => {
    mock = await startMockOpenAIServer({
      handler: (b) =>
        b.stream
          ? { text: "one two three four", chunkSize: 2, chunkDelayMs: 200 }
          : { text: "slow", delayMs: 2_000 },
    });
    const p = upstream({ baseURL: mock.url, model: "m" });
    const whole = new AbortController();
    setTimeout(() => whole.abort(new Error("user cancelled")), 50);
    expect(await p.complete({ ...ask, signal: whole.signal }).catch((e: unknown) => e)).toEqual(
      new Error("user cancelled"),
    );

    const streamed = new AbortController();
    const chunks: ChatChunk[] = [];
    const run = (async () => {
      for await (const c of p.stream({ ...ask, signal: streamed.signal })) {
        chunks.push(c);
        streamed.abort(new Error("left mid-stream"));
      }
    })();
    expect(await run.catch((e: unknown) => e)).toEqual(new Error("left mid-stream"));
    expect(chunks).toHaveLength(1);
    for (let i = 0; i < 100 && mock.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(mock.inFlight).toBe(0);
  });
});

describe("openAIUpstream: error statuses and broken answers", () => {
  it("maps error statuses exactly as the SDK provider does", async () => {
    mock = await startMockOpenAIServer({
      apiKey: "right",
      handler: (b) => {
        const status = Number(b.model.slice(1));
        return { status, text: `failed with ${status}` };
      },
    });
    for (const [model, kind] of [
      ["s400", "upstream"],
      ["s404", "upstream"],
      ["s429", "rate-limit"],
      ["s500", "upstream"],
      ["s503", "upstream"],
    ] as const) {
      const ours = await failure(
        upstream({ baseURL: mock.url, model, apiKey: "right", maxRetries: 0 }).complete(ask),
      );
      const sdk = await failure(
        openAICompatibleProvider({ baseURL: mock.url, model, apiKey: "right", maxRetries: 0 }).complete(ask),
      );
      expect(ours.kind, model).toBe(kind);
      expect([ours.kind, ours.status, ours.message], model).toEqual([sdk.kind, sdk.status, sdk.message]);
      expect(ours.message).toContain(`(server said: "failed with ${model.slice(1)}")`);
    }
    const auth = await failure(
      upstream({ baseURL: mock.url, model: "m", apiKey: "wrong", apiKeyEnv: "MY_KEY" }).complete(ask),
    );
    expect(auth.kind).toBe("auth");
    expect(auth.message).toMatch(new RegExp(`^401 from ${mock.url}: set MY_KEY \\(server said: "Incorrect`));
    // A failed stream open is the same error, before any chunk.
    const streamAuth = await failure(collect(upstream({ baseURL: mock.url, model: "m", apiKey: "wrong" })));
    expect(streamAuth.kind).toBe("auth");
  });

  it("retries 5xx and 429 up to maxRetries (not 4xx), honouring the server's retry-after", async () => {
    let calls = 0;
    mock = await startMockOpenAIServer({
      handler: () => (++calls < 3 ? { status: 500, text: "boom" } : { text: "finally" }),
    });
    expect((await upstream({ baseURL: mock.url, model: "m", maxRetries: 2 }).complete(ask)).text).toBe(
      "finally",
    );
    expect(calls).toBe(3);
    await mock.close();

    calls = 0;
    mock = await startMockOpenAIServer({ handler: () => (++calls, { status: 400, text: "bad parameter" }) });
    await failure(upstream({ baseURL: mock.url, model: "m", maxRetries: 2 }).complete(ask));
    expect(calls).toBe(1);

    let hits = 0;
    const url = await startRaw((req, res) => {
      req.resume();
      req.on("end", () => {
        if (++hits === 1) {
          res.writeHead(429, { "content-type": "application/json", "retry-after-ms": "30" });
          res.end(JSON.stringify({ error: { message: "slow down" } }));
        } else if (hits === 2) {
          res.writeHead(503, { "x-should-retry": "false" });
          res.end("no");
        } else {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(completion("after the wait"));
        }
      });
    });
    const p = upstream({ baseURL: url, model: "m", maxRetries: 3 });
    const t0 = performance.now();
    // 429 waits the server's 30 ms (the backoff alone would wait 250-500 ms); 503 with x-should-retry: false stops.
    const err = await failure(p.complete(ask));
    expect(performance.now() - t0).toBeLessThan(240);
    expect(hits).toBe(2);
    expect(err.status).toBe(503);
    expect((await p.complete(ask)).text).toBe("after the wait");
  });

  it("reports garbage, JSON without choices, and broken stream events as bad responses", async () => {
    mock = await startMockOpenAIServer({
      handler: (b) =>
        b.model === "html"
          ? { garbage: "<html>Bad Gateway</html>" }
          : b.model === "list"
            ? { garbage: '{"object":"list","data":[]}' }
            : { garbage: "data: {not json\n\n" },
    });
    const p = (model: string) => upstream({ baseURL: mock!.url, model, maxRetries: 0 });
    const html = await failure(p("html").complete(ask));
    expect(html.kind).toBe("bad-response");
    expect(html.message).toBe(
      `bad response from ${mock.url}: body is not JSON ("<html>Bad Gateway</html>"); is baseURL an LLM API endpoint?`,
    );
    expect((await failure(collect(p("html")))).kind).toBe("bad-response");
    expect((await failure(p("list").complete(ask))).message).toBe(
      `bad response from ${mock.url}: missing choices; is baseURL an LLM API endpoint?`,
    );
    expect((await failure(collect(p("list")))).message).toContain("the stream carried no chunks");
    expect((await failure(collect(p("event")))).kind).toBe("bad-response");
  });

  it("raises an error event inside a stream as an upstream error with the server's message", async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const url = await startRaw((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`${chunk("partial")}data: ${JSON.stringify({ error: { message: "model overloaded" } })}\n\n`);
    });
    const p = upstream({ baseURL: url, model: "m", maxRetries: 0 });
    const seen: ChatChunk[] = [];
    const err = await failure(
      (async () => {
        for await (const c of p.stream(ask)) seen.push(c);
      })(),
    );
    expect(seen).toEqual([{ type: "text", delta: "partial" }]);
    expect(err.kind).toBe("upstream");
    expect(err.message).toBe(`error from ${url} mid-stream (server said: "model overloaded")`);
  });

  it("fails a stream whose connection drops mid-way as unreachable, not as a complete answer", async () => {
    const url = await startRaw((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "half" } }] })}\n\n`);
      setTimeout(() => res.destroy(), 30);
    });
    const seen: ChatChunk[] = [];
    const err = await failure(
      (async () => {
        for await (const c of upstream({ baseURL: url, model: "m", maxRetries: 0 }).stream(ask)) seen.push(c);
      })(),
    );
    expect(seen).toEqual([{ type: "text", delta: "half" }]);
    expect(err.kind).toBe("unreachable");
  });
});

describe("openAIUpstream: streams", () => {
  it("streams text deltas and finishes with usage, asking for it", async () => {
    mock = await startMockOpenAIServer({ handler: () => ({ text: "one two three", chunkSize: 2 }) });
    const chunks = await collect(upstream({ baseURL: mock.url, model: "m" }), "count");
    const text = chunks.filter((c) => c.type === "text");
    expect(text.map((c) => c.delta).join("")).toBe("one two three");
    expect(text).toHaveLength(7);
    expect(chunks.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 1, outputTokens: 3 },
    });
    expect(mock.requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(mock.requestHeaders[0]?.accept).toBe("text/event-stream");
  });

  it("assembles streamed tool-call fragments into whole calls", async () => {
    const a = '{"city":"Paris","days":3}';
    const b = '{"to":"bob@example.com","body":"hi"}';
    mock = await startMockOpenAIServer({
      handler: () => ({
        text: "Let me check.",
        toolCalls: [
          { name: "weather", arguments: a },
          { name: "send_email", arguments: b },
        ],
        chunkSize: 3,
      }),
    });
    const chunks = await collect(upstream({ baseURL: mock.url, model: "m" }));
    const calls = chunks.flatMap((c) => (c.type === "tool-call" ? [c.call] : []));
    expect(calls.map((c) => [c.name, c.arguments])).toEqual([
      ["weather", a],
      ["send_email", b],
    ]);
    expect(calls[0]!.id).not.toBe(calls[1]!.id);
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls" });
  });

  it("a consumer that stops early cancels the upstream and frees its slot", async () => {
    mock = await startMockOpenAIServer({
      handler: () => ({ text: "a long answer here", chunkSize: 1, chunkDelayMs: 20 }),
    });
    const p = upstream({ baseURL: mock.url, model: "m", concurrency: 1 });
    for await (const c of p.stream(ask)) {
      expect(c.type).toBe("text");
      break;
    }
    for (let i = 0; i < 100 && mock.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(mock.inFlight).toBe(0);
    // With concurrency 1 this would wait forever if the abandoned stream still held the slot.
    expect((await p.complete({ messages: [{ role: "user", content: "again" }] })).text).toBe(
      "a long answer here",
    );
  });
});

describe("the proxy over its upstream client", () => {
  it("keeps one upstream connection across sequential requests", async () => {
    h = await startHarness();
    for (let i = 0; i < 5; i++)
      await h.client.chat.completions.create({
        model: "m",
        messages: [{ role: "user", content: `hi ${i}` }],
      });
    expect((h.server.state.provider as OpenAIUpstream).connections).toBe(1);
  });

  it("answers upstream error statuses as OpenAI errors the SDK raises, without naming the upstream", async () => {
    h = await startHarness({
      handler: (b) => ({ status: Number(b.model.slice(1)), text: "upstream says no" }),
      upstream: { maxRetries: 0 },
    });
    for (const [model, status, code, type] of [
      ["s400", 400, "upstream_rejected", "invalid_request_error"],
      ["s404", 404, "model_not_found", "invalid_request_error"],
      ["s429", 429, "upstream_rate_limited", "rate_limit_error"],
      ["s401", 502, "upstream_auth", "upstream_error"],
      ["s503", 502, "upstream_error", "upstream_error"],
    ] as const) {
      const err = await h.client.chat.completions
        .create({ model, messages: [{ role: "user", content: "hi" }] })
        .catch((e: unknown) => e);
      expect(err, model).toBeInstanceOf(OpenAI.APIError);
      const e = err as InstanceType<typeof OpenAI.APIError>;
      expect([e.status, e.code, e.type], model).toEqual([status, code, type]);
      expect(e.message).not.toContain(h.mock.url);
      expect(e.message).not.toContain("upstream says no");
    }
  });
});
