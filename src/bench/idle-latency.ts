/**
 * The same work timed back to back and after the thread has slept, as a server's thread does between
 * requests at a low rate. On a machine whose cores are shared, code that has slept has lost its caches
 * (instructions, data, branch history) to whatever ran meanwhile, and pays to bring them back; the
 * back-to-back figures elsewhere in this file are the warm case. A control workload with a tiny
 * footprint (one short loop over 8 KB) shows what sleeping costs code that has almost nothing to reload.
 */
import { fmtUs, measure, type LatencyStats } from "./timing.js";

const IDLE_MS = [0, 1, 10] as const;

/** A few thousand multiply-adds over one 8 KB array: ~20 µs of work touching almost no code or data. */
function controlWork(data: Float64Array): number {
  let sum = 0;
  for (let round = 0; round < 25; round++)
    for (let i = 0; i < data.length; i++) sum += (data[i] as number) * i;
  return sum;
}

export interface IdleRows {
  markdown: string;
  pairAfter10: LatencyStats;
}

export async function idleRows(pair: () => Promise<unknown>, iterations: number): Promise<IdleRows> {
  const data = new Float64Array(1024).fill(1);
  const rows: string[] = [];
  let pairAfter10: LatencyStats | undefined;
  for (const [name, fn] of [
    ["default-policy check pair (input 200 chars, output 1,000)", pair],
    ["control: 25 passes over an 8 KB array", () => controlWork(data)],
  ] as const) {
    const cells: string[] = [];
    for (const idleMs of IDLE_MS) {
      const s = await measure(fn, { iterations, warmup: 200, idleMs });
      if (idleMs === 10 && fn === pair) pairAfter10 = s;
      cells.push(`${fmtUs(s.medianUs)} / ${fmtUs(s.p99Us)}`);
    }
    rows.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  const markdown = [
    `**After idle.** The same calls timed back to back and after the thread sleeps before each one, as a`,
    `server's thread does between requests at a low rate (${iterations} calls each; median / p99 µs).`,
    "",
    `| work | back to back | after 1 ms idle | after 10 ms idle |`,
    `|---|---:|---:|---:|`,
    ...rows,
    "",
    `On this machine (2 virtual CPUs on a shared host) a thread that has slept for a few milliseconds has lost`,
    `its caches to whatever ran meanwhile, and code with a large footprint (normalisation views, dozens of`,
    `detectors, regular expressions compiled to machine code) pays to reload them; the control loop, which`,
    `touches almost nothing, does not. A server at 50 requests/s sleeps about 20 ms between requests, so its`,
    `checks run at the after-idle cost, not the back-to-back one; the proxy benchmark below runs at that rate.`,
  ].join("\n");
  if (!pairAfter10) throw new Error("idle-latency: the 10 ms row was not measured");
  return { markdown, pairAfter10 };
}
