/**
 * Runs a stage's detectors over one normalised text. Synchronous detectors run inline (they take
 * microseconds, and JavaScript cannot pre-empt them anyway); asynchronous ones (model and LLM tiers)
 * run concurrently, each raced against its time budget. Every failure is recorded, never swallowed.
 */
import type { Detector, DetectorContext, Finding } from "../detectors/types.js";
import type { GuardText } from "../text/types.js";

export interface DetectorRun {
  findings: Finding[];
  latencyMs: Record<string, number>;
  failures: Array<{ detector: Detector; kind: "error" | "timeout"; message: string }>;
}

const TIMEOUT = Symbol("timeout");

function nowMs(): number {
  return performance.now();
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `latencyMs`: where to record each detector's time (default: a new object); the caller's decision keeps one. */
export async function runDetectors(
  detectors: readonly Detector[],
  text: GuardText,
  ctx: DetectorContext,
  timeoutMs: number,
  latencyMs: Record<string, number> = {},
): Promise<DetectorRun> {
  const run: DetectorRun = { findings: [], latencyMs, failures: [] };
  const pending: Array<Promise<void>> = [];

  for (const detector of detectors) {
    const t0 = nowMs();
    let result: Finding[] | Promise<Finding[]>;
    try {
      result = detector.detect(text, ctx);
    } catch (err) {
      run.latencyMs[detector.name] = nowMs() - t0;
      run.failures.push({ detector, kind: "error", message: errorMessage(err) });
      continue;
    }
    if (!(result instanceof Promise)) {
      run.latencyMs[detector.name] = nowMs() - t0;
      for (const f of result) run.findings.push(f);
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
    });
    pending.push(
      Promise.race([result, timeout])
        .then((r) => {
          run.latencyMs[detector.name] = nowMs() - t0;
          if (r === TIMEOUT) {
            run.failures.push({ detector, kind: "timeout", message: `no answer within ${timeoutMs} ms` });
          } else {
            run.findings.push(...r);
          }
        })
        .catch((err: unknown) => {
          run.latencyMs[detector.name] = nowMs() - t0;
          run.failures.push({ detector, kind: "error", message: errorMessage(err) });
        })
        .finally(() => clearTimeout(timer)),
    );
  }
  if (pending.length > 0) await Promise.all(pending);
  return run;
}
