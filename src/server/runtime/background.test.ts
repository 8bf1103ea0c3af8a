import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { BackgroundTasks } from "./background.js";

/** A logger that keeps what it was asked to log. */
function recordingLogger() {
  const lines: Array<{ msg: string; err?: string }> = [];
  const logger = pino(
    { level: "warn" },
    { write: (s: string) => void lines.push(JSON.parse(s) as { msg: string; err?: string }) },
  );
  return { logger, lines };
}

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe("BackgroundTasks", () => {
  it("drains every task, including ones started while draining, and logs failures", async () => {
    const { logger, lines } = recordingLogger();
    const bg = new BackgroundTasks(logger);
    const done: string[] = [];
    bg.run(
      "first",
      later(30, "a").then((v) => {
        done.push(v);
        bg.run(
          "second",
          later(30, "b").then((w) => void done.push(w)),
        );
      }),
    );
    bg.run("charging output tokens", Promise.reject(new Error("store down")));
    expect(bg.size).toBe(2);
    expect(await bg.drain()).toBe(true);
    expect(done).toEqual(["a", "b"]);
    expect(bg.size).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({ msg: "charging output tokens failed", err: "store down" }),
    ]);
  });

  it("gives up waiting after the timeout, saying some work is still running", async () => {
    const bg = new BackgroundTasks(recordingLogger().logger);
    bg.run("slow", later(1_000, 1));
    const t0 = performance.now();
    expect(await bg.drain(50)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(900);
    expect(bg.size).toBe(1);
  });
});
