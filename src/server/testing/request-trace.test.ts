import { createServer, Server, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { summarizeTail, traceServerRequests, type RequestTrace } from "./request-trace.js";

function get(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end();
  });
}

let trace: RequestTrace | null = null;
afterEach(() => trace?.stop());

describe("traceServerRequests", () => {
  it("times the matching requests while active, and restores node:http when stopped", async () => {
    const ownBefore = Object.getOwnPropertyDescriptor(Server.prototype, "emit");
    trace = traceServerRequests((url) => url.startsWith("/yes"));
    expect(trace).not.toBeNull(); // Linux has per-thread schedstat
    const server = createServer((_req, res) => {
      // Some work on the main thread, so the times are measurable.
      const until = performance.now() + 3;
      while (performance.now() < until);
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      await get(port, "/yes/0"); // inactive: not recorded
      trace!.active = true;
      await get(port, "/yes/1");
      await get(port, "/no");
      await get(port, "/yes/2");
      expect(trace!.records).toHaveLength(2);
      for (const r of trace!.records) {
        expect(r.wallMs).toBeGreaterThanOrEqual(3);
        // A busy loop never sleeps: it is on a CPU (counted in the process's CPU) or waiting for one.
        expect(r.waitMs).toBeGreaterThanOrEqual(0);
        expect(r.waitMs).toBeLessThanOrEqual(r.wallMs + 0.5);
        expect(r.cpuMs + r.waitMs).toBeGreaterThan(2.5);
      }
      trace!.stop();
      await get(port, "/yes/3");
      expect(trace!.records).toHaveLength(2);
      expect(Object.getOwnPropertyDescriptor(Server.prototype, "emit")).toEqual(ownBefore);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("summarizeTail", () => {
  it("takes medians over all requests and over the slowest 1%", () => {
    const records = Array.from({ length: 200 }, (_, i) => ({
      wallMs: i < 198 ? 1 : 10,
      waitMs: i < 198 ? 0.1 : 7,
      cpuMs: i < 198 ? 0.9 : 6,
    }));
    const s = summarizeTail(records);
    expect(s.n).toBe(200);
    expect(s.slowestN).toBe(2);
    expect(s.all.wallMs).toBe(1);
    expect(s.slowest).toEqual({ wallMs: 10, waitMs: 7, cpuMs: 6 });
    expect(s.p99WaitMs).toBe(7);
  });
});
