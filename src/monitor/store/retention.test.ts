import { afterAll, describe, expect, it } from "vitest";
import { makeEvent } from "../testing/events.js";
import { sqliteTarget } from "../testing/targets.js";
import { AuditStore } from "./audit-store.js";
import { startRetention } from "./retention.js";

const DAY = 86_400_000;
const target = sqliteTarget();
afterAll(() => target.cleanup());

describe("startRetention", () => {
  it("prunes at start and then on its timer, reporting what it deleted", async () => {
    const store = new AuditStore(await target.open());
    const now = Date.parse("2026-05-01T00:00:00Z");
    await store.insert([makeEvent({ time: now - 10 * DAY }), makeEvent({ time: now - DAY })]);
    const pruned: number[] = [];
    let clock = now;
    const timer = startRetention(store, {
      retentionDays: 7,
      intervalMs: 20,
      clock: () => clock,
      onPruned: (n) => pruned.push(n),
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(pruned[0]).toBe(1);
    expect(await store.count()).toBe(1);
    clock = now + 7 * DAY; // the one-day-old event is now 8 days old
    await new Promise((r) => setTimeout(r, 60));
    timer.stop();
    expect(pruned).toContain(1);
    expect(pruned.filter((n) => n === 1)).toHaveLength(2);
    expect(await store.count()).toBe(0);
    await store.close();
  });
});
