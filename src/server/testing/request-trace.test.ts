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
    let allocate = false;
    const server = createServer((_req, res) => {
      // Some work on the main thread, so the times are measurable.
      const until = performance.now() + 3;
      while (performance.now() < until);
      // About 64 MB in small short-lived objects (kept in a ring, so the compiler cannot elide them):
      // more than any young generation holds.
      const ring: { i: number }[] = new Array<{ i: number }>(1024);
      if (allocate) for (let i = 0; i < 2_000_000; i++) ring[i & 1023] = { i };
      res.end(`ok ${ring.length}`);
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
      expect(trace!.records[1]!.startMs).toBeGreaterThan(trace!.records[0]!.startMs);
      for (const r of trace!.records) {
        expect(r.wallMs).toBeGreaterThanOrEqual(3);
        // A busy loop never sleeps: it is on a CPU (counted in the process's CPU) or waiting for one.
        expect(r.waitMs).toBeGreaterThanOrEqual(0);
        expect(r.waitMs).toBeLessThanOrEqual(r.wallMs + 0.5);
        expect(r.cpuMs + r.waitMs).toBeGreaterThan(2.5);
      }
      // A request that allocates enough to need a young-generation collection: its pause is recorded
      // (the entry arrives after the pause, so wait a little) and overlaps the request.
      allocate = true;
      await get(port, "/yes/gc");
      allocate = false;
      await new Promise((r) => setTimeout(r, 50));
      expect(trace!.gcs.some((g) => g.minor)).toBe(true);
      const gcRequest = trace!.records[2]!;
      expect(summarizeTail([gcRequest], trace!.gcs).gc.requestsHit).toBe(1);
      trace!.stop();
      await get(port, "/yes/3");
      expect(trace!.records).toHaveLength(3);
      expect(Object.getOwnPropertyDescriptor(Server.prototype, "emit")).toEqual(ownBefore);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("summarizeTail", () => {
  it("takes medians over all requests and over the slowest 1%", () => {
    // One request every 20 ms; the two slow ones are the 50th and the 150th.
    const records = Array.from({ length: 200 }, (_, i) => ({
      startMs: 20 * i,
      wallMs: i === 50 || i === 150 ? 10 : 1,
      waitMs: i === 50 || i === 150 ? 7 : 0.1,
      cpuMs: i === 50 || i === 150 ? 6 : 0.9,
    }));
    const gcs = [
      { startMs: 1003, durationMs: 4, minor: true }, // inside the 50th (1000-1010)
      { startMs: 1500, durationMs: 0.5, minor: false }, // between requests 75 (1500-1501) and 76: hits the 75th
      { startMs: 2005, durationMs: 2, minor: true }, // between requests: hits none
    ];
    const s = summarizeTail(records, gcs);
    expect(s.n).toBe(200);
    expect(s.slowestN).toBe(2);
    expect(s.all.wallMs).toBe(1);
    expect(s.slowest).toEqual({ wallMs: 10, waitMs: 7, cpuMs: 6 });
    expect(s.p99WaitMs).toBe(7);
    expect(s.gc).toEqual({ pauses: 3, minor: 2, medianPauseMs: 2, requestsHit: 2, slowestHit: 1 });
    expect(summarizeTail(records).gc).toMatchObject({ pauses: 0, requestsHit: 0, slowestHit: 0 });
  });
});
