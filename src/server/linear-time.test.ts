/**
 * The proxy's own request handling grows linearly with the request: parsing and converting n messages
 * vs 8n, and pathological bodies (200 KB of one character, a long run of near-JSON) handled in bounded
 * time end to end.
 */
import { afterEach, describe, expect, it } from "vitest";
import { lastUserIndex, systemPromptOf, toChatMessages } from "./chat/messages.js";
import { parseChatRequest } from "./chat/request-schema.js";
import { startHarness, type Harness } from "./testing/harness.js";

function body(n: number) {
  const messages = [];
  for (let i = 0; i < n; i++)
    messages.push(
      i % 3 === 0
        ? { role: "system", content: "Be brief." }
        : i % 3 === 1
          ? { role: "user", content: [{ type: "text", text: `question ${i} about opening hours` }] }
          : { role: "assistant", content: `answer ${i}` },
    );
  return { model: "m", messages, top_p: 1 };
}

/** The fastest of several interleaved runs of each: the least disturbed by other work on a busy machine. */
function fastest(a: () => void, b: () => void, runs = 15): [number, number] {
  const best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let r = 0; r < runs; r++) {
    [a, b].forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      best[i] = Math.min(best[i] as number, performance.now() - t0);
    });
  }
  return best;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("linear time", () => {
  it("parses and converts 8n messages in about 8 times the time of n", () => {
    const small = body(1_000);
    const large = body(8_000);
    const work = (b: unknown) => () => {
      const { request } = parseChatRequest(b);
      const messages = toChatMessages(request.messages);
      lastUserIndex(messages);
      systemPromptOf(messages);
    };
    work(small)(); // warm up
    work(large)();
    const [ts, tl] = fastest(work(small), work(large));
    expect(tl / ts).toBeLessThan(8 * 4); // linear (quadratic would be 64), with slack for a busy machine
  });

  it("handles pathological bodies in bounded time, end to end", async () => {
    h = await startHarness({ config: { limits: { maxBodyBytes: 4 * 1024 * 1024 } } });
    const post = async (text: string) => {
      const t0 = performance.now();
      const res = await fetch(`${h!.baseURL}/chat/completions`, { method: "POST", body: text });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t0 };
    };
    const one = await post(JSON.stringify({ messages: [{ role: "user", content: "a".repeat(200_000) }] }));
    expect(one.status).toBe(200);
    const nearJson = await post('{"messages":[' + '{"role":"user","content":"x"},'.repeat(20_000));
    expect(nearJson.status).toBe(400);
    const deep = await post("[".repeat(100_000));
    expect(deep.status).toBe(400);
    expect(one.ms + nearJson.ms + deep.ms).toBeLessThan(15_000);
  });
});
