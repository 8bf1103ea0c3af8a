/**
 * Work a response does not wait for (charging output tokens, recording strikes): started when the
 * answer is ready, tracked until it settles, its failures logged, and waited for at shutdown so none is
 * lost when the server stops.
 */
import type { Logger } from "pino";

export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Tracks `work`; a failure is logged as `what` failed. */
  run(what: string, work: Promise<unknown>): void {
    const task: Promise<void> = work.then(
      () => undefined,
      (err: unknown) => {
        this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, `${what} failed`);
      },
    );
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /** Tasks not settled yet. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Resolves once every task started so far, and any they start meanwhile, has settled (true), or after
   * `timeoutMs` with some still running (false).
   */
  async drain(timeoutMs = Infinity): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.pending.size > 0)
        if ((await Promise.race([Promise.all([...this.pending]), late])) === false) return false;
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
