/**
 * Graceful shutdown: a request in flight when shutdown begins finishes normally; new connections are
 * refused; a request still running at the grace deadline is cut, and close() resolves.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ask = (harness: Harness, content = "hi") =>
  harness.client.chat.completions.create({ model: "m", messages: [{ role: "user", content }] });

async function waitFor(cond: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("graceful shutdown", () => {
  it("finishes a request in flight, refuses new ones, then closes", async () => {
    h = await startHarness({ handler: () => ({ text: "slow but complete", delayMs: 600 }) });
    const inFlight = ask(h, "slow one");
    await waitFor(() => h!.mock.inFlight === 1);
    expect(h.server.inFlight).toBe(1);

    const closing = h.server.close({ graceMs: 10_000 });
    // New connections are no longer accepted.
    await expect(fetch(`${h.server.url}/healthz`)).rejects.toThrow();

    const c = await inFlight;
    expect(c.choices[0]?.message.content).toBe("slow but complete");
    await closing;
    expect(h.server.inFlight).toBe(0);
  });

  it("streams in flight run to their end during the drain", async () => {
    const text = "First sentence here. Second sentence follows. Third one ends it.";
    h = await startHarness({ handler: () => ({ text, chunkSize: 4, chunkDelayMs: 30 }) });
    const stream = await h.client.chat.completions.create({
      model: "m",
      stream: true,
      messages: [{ role: "user", content: "go" }],
    });
    const closing = h.server.close({ graceMs: 10_000 });
    let got = "";
    for await (const chunk of stream) got += chunk.choices[0]?.delta.content ?? "";
    expect(got).toBe(text);
    await closing;
  });

  it("cuts requests still running at the grace deadline", async () => {
    h = await startHarness({ handler: () => ({ text: "too late", delayMs: 5_000 }) });
    const inFlight = ask(h).catch((e: unknown) => e);
    await waitFor(() => h!.mock.inFlight === 1);
    const t0 = performance.now();
    await h.server.close({ graceMs: 200 });
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(150);
    expect(took).toBeLessThan(2_000);
    expect(await inFlight).toBeInstanceOf(Error);
    // The upstream call was aborted with the client connection.
    await waitFor(() => h!.mock.inFlight === 0);
  });
});
