/** A progress bar on stderr when it is a terminal; silent otherwise (logs and CI stay clean). */
import cliProgress from "cli-progress";

export interface Progress {
  update(done: number, extra?: string): void;
  stop(): void;
}

export function createProgress(total: number, unit: string): Progress {
  if (!process.stderr.isTTY || total <= 0) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ` {bar} {percentage}% | {value}/{total} ${unit} | {extra} | eta {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { extra: "" });
  return {
    update: (done, extra = "") => bar.update(Math.min(done, total), { extra }),
    stop: () => bar.stop(),
  };
}
