/**
 * SIGTERM and SIGINT start a graceful shutdown; a second signal while draining cuts it short. The
 * process exits on its own once the server has closed (nothing else keeps it alive).
 */
import type { Logger } from "pino";
import type { RunningServer } from "./server.js";

/** `afterClose` runs once the server has drained (e.g. flush and close the audit store). */
export function closeOnSignals(
  server: RunningServer,
  logger: Logger,
  afterClose?: () => Promise<void>,
): () => void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, "second signal: stopping now");
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, "signal received: shutting down gracefully");
    server
      .close()
      .then(() => afterClose?.())
      .then(
        () => {
          process.exitCode ??= 0;
        },
        (err: unknown) => {
          logger.error({ err }, "shutdown failed");
          process.exitCode = 1;
        },
      );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return () => {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  };
}
