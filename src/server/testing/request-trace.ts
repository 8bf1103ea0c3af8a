/**
 * Where the slow requests' time goes, for the proxy benchmark's tail: for each request a node:http
 * server in this process answers, its wall time, the time its thread spent runnable but waiting for a
 * CPU (Linux's per-thread schedstat run_delay, exact), and the CPU the whole process used meanwhile
 * (getrusage, exact; V8's compiler and garbage-collector helper threads included). The thread's own
 * run time is not reported: schedstat updates it only at scheduler ticks and switches, up to 4 ms stale.
 * Garbage-collection pauses of the process are recorded beside the requests (perf_hooks "gc" entries),
 * so the summary can say how many of the slowest requests had one.
 * Linux only; elsewhere it traces nothing.
 */
import { readFileSync } from "node:fs";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { constants, PerformanceObserver } from "node:perf_hooks";

export interface RequestTiming {
  /** performance.now() when the request reached the server. */
  startMs: number;
  wallMs: number;
  /** The thread runnable but not running: another thread or process had the CPU. */
  waitMs: number;
  /** CPU used by the whole process during the request (every thread). */
  cpuMs: number;
}

/** One garbage-collection pause of the process (times on the performance.now() clock). */
export interface GcPause {
  startMs: number;
  durationMs: number;
  /** A young-generation collection (scavenge), as opposed to a mark-compact or its steps. */
  minor: boolean;
}

export interface RequestTrace {
  readonly records: RequestTiming[];
  /** The process's GC pauses while active. */
  readonly gcs: GcPause[];
  /** Records only while true. */
  active: boolean;
  /** Restores node:http. */
  stop(): void;
}

const SCHEDSTAT = "/proc/thread-self/schedstat";

/** Nanoseconds the calling thread has waited for a CPU (schedstat's second field). */
function runDelay(): number {
  return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[1]);
}

/** Traces requests whose URL passes `match`; null where the kernel gives no per-thread schedstat. */
export function traceServerRequests(match: (url: string) => boolean): RequestTrace | null {
  try {
    runDelay();
  } catch {
    return null;
  }
  const records: RequestTiming[] = [];
  const gcs: GcPause[] = [];
  const proto = Server.prototype as {
    emit: (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  };
  const own = Object.getOwnPropertyDescriptor(proto, "emit");
  const inherited = proto.emit;
  const trace: RequestTrace = {
    records,
    gcs,
    active: false,
    stop() {
      observer.disconnect();
      if (own) Object.defineProperty(proto, "emit", own);
      else delete (proto as Partial<typeof proto>).emit;
    },
  };
  // Entries arrive asynchronously (after the pause); each carries its own start time.
  const observer = new PerformanceObserver((list) => {
    if (!trace.active) return;
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      gcs.push({
        startMs: e.startTime,
        durationMs: e.duration,
        minor: kind === constants.NODE_PERFORMANCE_GC_MINOR,
      });
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && trace.active) {
      const req = args[0] as IncomingMessage;
      const res = args[1] as ServerResponse;
      if (match(req.url ?? "")) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const wait0 = runDelay();
        res.once("finish", () => {
          const wait1 = runDelay();
          const cpu = process.cpuUsage(cpu0);
          records.push({
            startMs: t0,
            wallMs: performance.now() - t0,
            waitMs: (wait1 - wait0) / 1e6,
            cpuMs: (cpu.user + cpu.system) / 1000,
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
  all: Omit<RequestTiming, "startMs">;
  /** Medians over the slowest 1% by wall time. */
  slowest: Omit<RequestTiming, "startMs">;
  slowestN: number;
  /** 99th percentile of the wait for a CPU over all requests. */
  p99WaitMs: number;
  /** GC pauses during the run: how many, their median length, and how many requests overlapped one. */
  gc: { pauses: number; minor: number; medianPauseMs: number; requestsHit: number; slowestHit: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[s.length >> 1]!;
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]!;
}

function medians(rs: readonly RequestTiming[]): Omit<RequestTiming, "startMs"> {
  return {
    wallMs: median(rs.map((r) => r.wallMs)),
    waitMs: median(rs.map((r) => r.waitMs)),
    cpuMs: median(rs.map((r) => r.cpuMs)),
  };
}

/** Whether a GC pause overlapped the request. */
function hitByGc(r: RequestTiming, gcs: readonly GcPause[]): boolean {
  const end = r.startMs + r.wallMs;
  return gcs.some((g) => g.startMs < end && g.startMs + g.durationMs > r.startMs);
}

export function summarizeTail(records: readonly RequestTiming[], gcs: readonly GcPause[] = []): TailSummary {
  const byWall = [...records].sort((a, b) => b.wallMs - a.wallMs);
  const slowest = byWall.slice(0, Math.max(1, Math.ceil(records.length / 100)));
  return {
    n: records.length,
    all: medians(records),
    slowest: medians(slowest),
    slowestN: slowest.length,
    p99WaitMs: p99(records.map((r) => r.waitMs)),
    gc: {
      pauses: gcs.length,
      minor: gcs.filter((g) => g.minor).length,
      medianPauseMs: median(gcs.map((g) => g.durationMs)),
      requestsHit: records.filter((r) => hitByGc(r, gcs)).length,
      slowestHit: slowest.filter((r) => hitByGc(r, gcs)).length,
    },
  };
}
