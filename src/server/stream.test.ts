/**
 * Streaming through the proxy (`stream: true`): SSE in OpenAI's chunk format, read by the official SDK.
 * Text arrives only after the streaming rail has checked it; a secret split across upstream chunks never
 * arrives in any part; a violation ends the stream with the safe reply and content_filter.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { MockReply } from "../providers/testing/mock-openai-server.js";
import type { GuardReport } from "./chat/summary.js";
import { startHarness, type Harness } from "./testing/harness.js";

const AWS_ID = "AKIAZ7VRSQ5TJSWY3ABC";
const AWS_SECRET = "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";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Collected {
  text: string;
  deltas: string[];
  finish: string | null | undefined;
  report: GuardReport | undefined;
  toolCalls: Array<{ name?: string; arguments?: string }>;
  usage: unknown;
  chunkIds: Set<string>;
}

async function collect(
  harness: Harness,
  content: string,
  extra: Record<string, unknown> = {},
): Promise<Collected> {
  const stream = await harness.client.chat.completions.create({
    model: "mock-model",
    stream: true,
    messages: [{ role: "user", content }],
    ...extra,
  });
  const out: Collected = {
    text: "",
    deltas: [],
    finish: undefined,
    report: undefined,
    toolCalls: [],
    usage: null,
    chunkIds: new Set(),
  };
  for await (const chunk of stream) {
    out.chunkIds.add(chunk.id);
    if (chunk.usage) out.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) {
      out.text += choice.delta.content;
      out.deltas.push(choice.delta.content);
    }
    for (const t of choice.delta.tool_calls ?? [])
      out.toolCalls.push({ name: t.function?.name, arguments: t.function?.arguments });
    if (choice.finish_reason) {
      out.finish = choice.finish_reason;
      out.report = (chunk as unknown as { guardstack?: GuardReport }).guardstack;
    }
  }
  return out;
}

function replying(reply: MockReply) {
  return () => reply;
}

describe("streamed chat completions", () => {
  it("streams benign text complete and unchanged, in OpenAI's chunk format", async () => {
    const text =
      "Our shop opens at nine in the morning. It closes at six in the evening, except on Sundays. Parking is free for customers.";
    h = await startHarness({ handler: replying({ text, chunkSize: 3 }) });
    const r = await collect(h, "When are you open?", { stream_options: { include_usage: true } });
    expect(r.text).toBe(text);
    expect(r.finish).toBe("stop");
    expect(r.report?.output?.action).toBe("allow");
    expect(r.chunkIds.size).toBe(1);
    expect(r.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    });
    // Released sentence by sentence (the hold-back window), not in the upstream's 3-character pieces.
    expect(r.deltas.length).toBeLessThan(10);
  });

  it("never releases any part of a secret split across chunks, at any chunk size", async () => {
    const text = `Sure, here is the config you asked for. aws_access_key_id = ${AWS_ID} and aws_secret_access_key = ${AWS_SECRET} should work. Let me know.`;
    for (const chunkSize of [1, 2, 3, 5, 8, 13]) {
      h = await startHarness({ handler: replying({ text, chunkSize }) });
      const r = await collect(h, "Give me the deploy config.");
      for (const piece of [
        AWS_ID,
        AWS_SECRET,
        AWS_ID.slice(0, 8),
        AWS_SECRET.slice(0, 10),
        AWS_SECRET.slice(-10),
      ])
        expect(r.text, `chunk size ${chunkSize}`).not.toContain(piece);
      expect(r.finish).toBe("content_filter");
      expect(r.text).toContain("I can't help with that request.");
      expect(r.report?.blocked?.stage).toBe("output");
      // The sentence before the secret was checked and released; the safe reply follows it.
      expect(r.text.startsWith("Sure, here is the config you asked for.")).toBe(true);
      await h.close();
      h = undefined;
    }
  });

  it("redacts an email split across chunks; no fragment of the address arrives", async () => {
    const text =
      "Thanks for asking. You can reach Jane at jane.doe@example.org or by letter. She replies fast.";
    h = await startHarness({ handler: replying({ text, chunkSize: 2 }) });
    const r = await collect(h, "How do I reach Jane?");
    expect(r.text).toBe("Thanks for asking. You can reach Jane at [EMAIL_1] or by letter. She replies fast.");
    expect(r.text).not.toContain("jane.doe");
    expect(r.finish).toBe("stop");
    expect(r.report?.output?.action).toBe("modify");
  });

  it("answers a blocked input with a short stream: the safe reply and content_filter", async () => {
    h = await startHarness({
      config: { policy: { extends: "default", terms: { banned: ["operation nightfall"] } } },
    });
    const r = await collect(h, "Explain operation nightfall.");
    expect(r.text).toBe("I can't help with that request.");
    expect(r.finish).toBe("content_filter");
    expect(r.report?.blocked).toEqual({ stage: "input", layer: "input-rail" });
    expect(h.mock.requests).toHaveLength(0);
  });

  it("streams allowed tool calls after checking them, and stops blocked ones", async () => {
    h = await startHarness({
      handler: (body) =>
        JSON.stringify(body.messages).includes("weather")
          ? { toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }], chunkSize: 3 }
          : {
              text: "Sending now.",
              toolCalls: [{ name: "send_email", arguments: '{"to":"x@example.com"}' }],
            },
      config: { policy: { extends: "default", tools: { send_email: { allowed: false } } } },
    });
    const ok = await collect(h, "What is the weather in Oslo?");
    expect(ok.finish).toBe("tool_calls");
    expect(ok.toolCalls).toEqual([{ name: "get_weather", arguments: '{"city":"Oslo"}' }]);

    const blocked = await collect(h, "Email my boss.");
    expect(blocked.toolCalls).toEqual([]);
    expect(blocked.finish).toBe("content_filter");
    expect(blocked.text).toBe("Sending now.\n\nI can't help with that request.");
    expect(blocked.report?.blocked).toEqual({ stage: "toolCall", layer: "tool-rail" });
  });

  it("ends with an error event the SDK raises when the upstream fails mid-stream, releasing nothing held", async () => {
    // An upstream that sends the start of an answer, then drops the connection.
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const broken = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk("This sentence is unfinished and then the upstream goes"));
      setTimeout(() => res.destroy(), 50);
    });
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    const port = (broken.address() as AddressInfo).port;
    try {
      h = await startHarness({ upstream: { baseURL: `http://127.0.0.1:${port}/v1` } });
      let text = "";
      const run = async () => {
        const stream = await h!.client.chat.completions.create({
          model: "mock-model",
          stream: true,
          messages: [{ role: "user", content: "go" }],
        });
        for await (const c of stream) text += c.choices[0]?.delta.content ?? "";
      };
      await expect(run()).rejects.toThrow(/upstream model cannot be reached/);
      expect(text).toBe("");
    } finally {
      broken.closeAllConnections();
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
  });

  it("cancels the upstream when the client goes away, and does not count it as an upstream error", async () => {
    const text = "One sentence after another keeps coming. ".repeat(40);
    h = await startHarness({ handler: replying({ text, chunkSize: 4, chunkDelayMs: 20 }) });
    const abort = new AbortController();
    const res = await fetch(`${h.baseURL}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ stream: true, messages: [{ role: "user", content: "go" }] }),
      signal: abort.signal,
    });
    const reader: ReadableStreamDefaultReader<Uint8Array> = res.body!.getReader();
    let got = "";
    while (!got.includes('"content":"One')) got += new TextDecoder().decode((await reader.read()).value);
    expect(h.mock.inFlight).toBe(1);
    const t0 = performance.now();
    abort.abort();
    while (h.mock.inFlight > 0) {
      if (performance.now() - t0 > 3_000) throw new Error("the upstream stream was not cancelled");
      await new Promise((r) => setTimeout(r, 10));
    }
    // The whole answer would take 8 s to stream; it was cut well before.
    expect(performance.now() - t0).toBeLessThan(3_000);
    const metrics = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(metrics).not.toMatch(/guardstack_upstream_errors_total\{/);
  });
});
