import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGuard } from "../guard/create-guard.js";
import { EscalationQueue } from "../guard/escalation/index.js";
import { createMonitor } from "./monitor.js";
import { makeEvent } from "./testing/events.js";

const dir = mkdtempSync(join(tmpdir(), "gs-monitor-all-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("createMonitor", () => {
  it("audits, counts, opens incidents, backs the review queue, and prunes", async () => {
    const old = makeEvent({ time: Date.now() - 40 * 86_400_000 });
    const monitor = await createMonitor({
      db: join(dir, "gs.db"),
      rules: { strikes: { blocks: 2, windowMinutes: 5 } },
    });
    await monitor.audit.insert([old]);
    const guard = monitor.attach(await createGuard(), { userId: "mallory" });
    const tags = "\u{E0041}\u{E0042}\u{E0043}"; // hidden tag characters: blocked
    for (let i = 0; i < 3; i++) await guard.checkInput(`attempt ${i} ${tags}`);
    await monitor.writer.flush();
    await monitor.engine.idle();
    const [incident] = await monitor.incidents.list();
    expect(incident).toMatchObject({ rule: "strikes", key: "strikes:user:mallory", status: "open" });
    expect(await monitor.metrics.text()).toMatch(/guardstack_incidents_opened_total\{rule="strikes"\} 1/);
    expect(await monitor.metrics.text()).toMatch(
      /guardstack_decisions_total\{stage="input",action="block"\} 3/,
    );
    const q = new EscalationQueue({ store: monitor.review });
    const id = await q.enqueue({ stage: "output", text: "held", decision: await guard.checkInput("hi") });
    await q.approve(id, { reviewer: "rita" });
    expect((await q.history(id)).map((e) => e.action)).toEqual(["enqueued", "approved"]);
    // retention by age: the 40-day-old event goes, today's stay
    expect(await monitor.prune()).toBe(1);
    expect(await monitor.audit.get(old.id)).toBeUndefined();
    await monitor.writer.flush();
    expect(await monitor.audit.count()).toBe(4);
    await monitor.close();
  });
});
