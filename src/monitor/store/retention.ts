/** Retention by age: prune now, then on a timer that never keeps the process alive. */
import type { AuditStore } from "./audit-store.js";

export interface RetentionOptions {
  retentionDays: number;
  /** Default: every hour. */
  intervalMs?: number;
  clock?: () => number;
  onPruned?: (deleted: number) => void;
  onError?: (err: unknown) => void;
}

export interface RetentionTimer {
  /** Runs one prune now. */
  runNow(): Promise<number>;
  stop(): void;
}

export function startRetention(store: AuditStore, options: RetentionOptions): RetentionTimer {
  const clock = options.clock ?? Date.now;
  let running: Promise<number> | undefined;
  const runNow = (): Promise<number> => {
    running ??= store
      .pruneOlderThanDays(options.retentionDays, clock())
      .then((n) => {
        options.onPruned?.(n);
        return n;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const tick = () => {
    runNow().catch((err: unknown) => options.onError?.(err));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 3_600_000);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
