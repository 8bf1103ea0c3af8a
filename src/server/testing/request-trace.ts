/**
 * Where the slow requests' time goes, for the proxy benchmark's tail: for each request a node:http
 * server in this process answers, its wall time, the main thread's time on a CPU and its time runnable
 * but waiting for one (Linux's per-thread schedstat), and the CPU the process's other threads (V8's
 * compiler and garbage-collector helpers) used meanwhile. Linux only; elsewhere it traces nothing.
 */
import { readFileSync } from "node:fs";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";

export interface RequestTiming {
  wallMs: number;
  /** The main thread on a CPU. */
  runMs: number;
  /** The main thread runnable but not running: another thread or process had the CPU. */
  waitMs: number;
  /** CPU used by the process's other threads during the request. */
  otherThreadsMs: number;
}

export interface RequestTrace {
  readonly records: RequestTiming[];
  /** Records only while true. */
  active: boolean;
  /** Restores node:http. */
  stop(): void;
}

const SCHEDSTAT = "/proc/thread-self/schedstat";

/** [ns on a CPU, ns waiting for one] of the calling thread. */
function schedstat(): [number, number] {
  const [run, wait] = readFileSync(SCHEDSTAT, "utf8").split(" ");
  return [Number(run), Number(wait)];
}

/** Traces requests whose URL passes `match`; null where the kernel gives no per-thread schedstat. */
export function traceServerRequests(match: (url: string) => boolean): RequestTrace | null {
  try {
    schedstat();
  } catch {
    return null;
  }
  const records: RequestTiming[] = [];
  const proto = Server.prototype as {
    emit: (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  };
  const own = Object.getOwnPropertyDescriptor(proto, "emit");
  const inherited = proto.emit;
  const trace: RequestTrace = {
    records,
    active: false,
    stop() {
      if (own) Object.defineProperty(proto, "emit", own);
      else delete (proto as Partial<typeof proto>).emit;
    },
  };
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && trace.active) {
      const req = args[0] as IncomingMessage;
      const res = args[1] as ServerResponse;
      if (match(req.url ?? "")) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const [run0, wait0] = schedstat();
        res.once("finish", () => {
          const [run1, wait1] = schedstat();
          const cpu = process.cpuUsage(cpu0);
          const runMs = (run1 - run0) / 1e6;
          records.push({
            wallMs: performance.now() - t0,
            runMs,
            waitMs: (wait1 - wait0) / 1e6,
            otherThreadsMs: Math.max(0, (cpu.user + cpu.system) / 1000 - runMs),
          });
        });
      }
    }
    return inherited.call(this, event, ...args);
  };
  return trace;
}

export interface TailSummary {
  n: number;
  /** Medians over all requests. */
  all: RequestTiming;
  /** Medians over the slowest 1% by wall time. */
  slowest: RequestTiming;
  slowestN: number;
  /** 99th percentiles of main-thread run and wait over all requests. */
  p99RunMs: number;
  p99WaitMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[s.length >> 1]!;
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]!;
}

function medians(rs: readonly RequestTiming[]): RequestTiming {
  return {
    wallMs: median(rs.map((r) => r.wallMs)),
    runMs: median(rs.map((r) => r.runMs)),
    waitMs: median(rs.map((r) => r.waitMs)),
    otherThreadsMs: median(rs.map((r) => r.otherThreadsMs)),
  };
}

export function summarizeTail(records: readonly RequestTiming[]): TailSummary {
  const byWall = [...records].sort((a, b) => b.wallMs - a.wallMs);
  const slowest = byWall.slice(0, Math.max(1, Math.ceil(records.length / 100)));
  return {
    n: records.length,
    all: medians(records),
    slowest: medians(slowest),
    slowestN: slowest.length,
    p99RunMs: p99(records.map((r) => r.runMs)),
    p99WaitMs: p99(records.map((r) => r.waitMs)),
  };
}
