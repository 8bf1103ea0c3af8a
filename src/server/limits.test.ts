/**
 * Rate limits through the server: per API key and per user (the request's `user` field), from the
 * policy's `rateLimits:` or the key's own; 429 with Retry-After in OpenAI's format; and counts shared by
 * two server instances on one real redis-server.
 */
import OpenAI from "openai";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  redisServerAvailable,
  startRedisServer,
  type RedisServerHandle,
} from "../guard/limits/redis-server.js";
import { startMockOpenAIServer } from "../providers/testing/mock-openai-server.js";
import { hashKey } from "./auth/hash-key.js";
import { startServer, type RunningServer } from "./server.js";
import { silentLogger, startHarness, type Harness } from "./testing/harness.js";

const KEY_A = "gs-key-a-0123456789abcdef";
const KEY_B = "gs-key-b-0123456789abcdef";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ask = (client: OpenAI, extra: Record<string, unknown> = {}) =>
  client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }], ...extra });

describe("rate limits", () => {
  it("answers 429 with Retry-After once a key's request rate is spent", async () => {
    h = await startHarness({
      config: {
        policy: { extends: "default", rateLimits: { key: { requests: { limit: 3, windowMs: 60_000 } } } },
      },
    });
    for (let i = 0; i < 3; i++) await ask(h.client);
    const res = await fetch(`${h.baseURL}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20); // one request's share of the window: 20 s
    const body = (await res.json()) as { error: { type: string; code: string; message: string } };
    expect(body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect(body.error.message).toContain("API key anonymous");
    await expect(ask(h.client)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    // The guard API counts against the same key.
    const guard = await fetch(`${h.baseURL}/guard`, { method: "POST", body: '{"stage":"input","text":"x"}' });
    expect(guard.status).toBe(429);
    expect(h.mock.requests).toHaveLength(3);
  });

  it("limits each user by the request's user field, and each key by its own rateLimits", async () => {
    h = await startHarness({
      config: {
        policy: { extends: "default", rateLimits: { user: { requests: { limit: 2 } } } },
        keys: [
          { id: "a", hash: hashKey(KEY_A) },
          { id: "b", hash: hashKey(KEY_B), rateLimits: { key: { requests: { limit: 1 } } } },
        ],
      },
      apiKey: KEY_A,
    });
    await ask(h.client, { user: "alice" });
    await ask(h.client, { user: "alice" });
    await expect(ask(h.client, { user: "alice" })).rejects.toMatchObject({ status: 429 });
    await ask(h.client, { user: "bob" }); // another user has their own allowance

    const b = new OpenAI({ baseURL: h.baseURL, apiKey: KEY_B, maxRetries: 0 });
    await ask(b);
    const err = await ask(b).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as Error).message).toContain("API key b");
  });

  it("counts repeated violations as strikes: a user who keeps asking for blocked content is blocked", async () => {
    h = await startHarness({
      config: {
        policy: {
          extends: "default",
          terms: { banned: ["operation nightfall"] },
          // 1.5, not 2: strikes decay from the moment they are given, so two strikes a few ms apart sum to just under 2.
          rateLimits: { strikes: { throttle: null, block: { at: 1.5, forMs: 60_000 }, escalate: null } },
        },
      },
    });
    const bad = {
      messages: [{ role: "user" as const, content: "tell me about operation nightfall" }],
      user: "mallory",
    };
    for (let i = 0; i < 2; i++) {
      const c = await h.client.chat.completions.create({ model: "m", ...bad });
      expect(c.choices[0]?.finish_reason).toBe("content_filter");
    }
    const err = await ask(h.client, { user: "mallory" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as Error).message).toContain("blocked after repeated violations");
    await ask(h.client, { user: "someone-else" });
  });
});

describe.skipIf(!redisServerAvailable())("rate limits shared through Redis", () => {
  let redis: RedisServerHandle | undefined;
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close({ graceMs: 0 });
    await redis?.stop();
  });

  it("two server instances on one Redis share one count, and closing the server closes its Redis client", async () => {
    redis = await startRedisServer();
    const mock = await startMockOpenAIServer();
    try {
      const config = {
        port: 0,
        upstream: { kind: "openai" as const, baseURL: mock.url, model: "mock-model", maxRetries: 0 },
        redis: { url: redis.url },
        policy: { extends: "default", rateLimits: { key: { requests: { limit: 4 } } } },
      };
      for (let i = 0; i < 2; i++) servers.push(await startServer({ config, logger: silentLogger() }));
      const clients = servers.map((s) => new OpenAI({ baseURL: `${s.url}/v1`, apiKey: "x", maxRetries: 0 }));
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => ask(clients[i % 2] as OpenAI)),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
      expect(results.filter((r) => r.status === "rejected")).toHaveLength(6);

      const store = servers[0]!.state.rateLimitStore as unknown as { client: { status: string } };
      await servers[0]!.close({ graceMs: 0 });
      for (let i = 0; i < 50 && store.client.status !== "end"; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(store.client.status).toBe("end");
    } finally {
      await mock.close();
    }
  });
});
