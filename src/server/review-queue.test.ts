/**
 * Escalations with `reviewQueue: true`: the request waits in the review queue (policy escalation mode
 * "hold") until a reviewer approves or denies it; without the queue an escalation is refused at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { GuardReport } from "./chat/summary.js";
import { startHarness, type Harness } from "./testing/harness.js";

const POLICY = {
  extends: "default",
  terms: { banned: ["operation nightfall"] },
  rules: { "banned-content": { action: "escalate" as const } },
  escalation: { mode: "hold" as const, timeoutMs: 10_000 },
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ask = (harness: Harness) =>
  harness.client.chat.completions.create({
    model: "m",
    user: "u-1",
    messages: [{ role: "user", content: "What was operation nightfall? Contact me at ann@example.com" }],
  });

async function pending(harness: Harness) {
  for (let i = 0; i < 200; i++) {
    const items = (await harness.server.escalations?.list({ status: "pending" })) ?? [];
    if (items.length > 0) return items;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("nothing was queued");
}

describe("review queue", () => {
  it("holds an escalated request until a reviewer approves it, then forwards it", async () => {
    // (An echo would repeat the escalated words, and the answer would be escalated in turn.)
    h = await startHarness({
      config: { policy: POLICY, reviewQueue: true },
      handler: () => ({ text: "A plan in a novel." }),
    });
    const reply = ask(h);
    const [item] = await pending(h);
    expect(item?.stage).toBe("input");
    expect(item?.userId).toBe("u-1");
    // The queue holds the text redacted.
    expect(item?.text).not.toContain("ann@example.com");
    expect(h.mock.requests).toHaveLength(0);
    await h.server.escalations!.approve(item!.id, { reviewer: "alice", note: "history question" });
    const c = await reply;
    expect(c.choices[0]?.message.content).toBe("A plan in a novel.");
    // Released as the reviewer saw it: the escalated words pass, the policy's redactions still apply.
    expect(JSON.stringify(h.mock.requests[0])).toContain(
      "What was operation nightfall? Contact me at [EMAIL_1]",
    );
    const report = (c as unknown as { guardstack: GuardReport }).guardstack;
    expect(report.escalations?.[0]).toMatchObject({ stage: "input", outcome: "released", reviewer: "alice" });
  });

  it("answers the safe reply when the reviewer denies", async () => {
    h = await startHarness({ config: { policy: POLICY, reviewQueue: true } });
    const reply = ask(h);
    const [item] = await pending(h);
    await h.server.escalations!.deny(item!.id, { reviewer: "bob" });
    const c = await reply;
    expect(c.choices[0]?.finish_reason).toBe("content_filter");
    expect(h.mock.requests).toHaveLength(0);
  });

  it("refuses an escalation at once when there is no review queue", async () => {
    h = await startHarness({ config: { policy: POLICY } });
    const t0 = performance.now();
    const c = await ask(h);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(c.choices[0]?.finish_reason).toBe("content_filter");
    expect(h.server.escalations).toBeUndefined();
  });
});
