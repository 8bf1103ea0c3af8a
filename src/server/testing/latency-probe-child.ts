/** Child-process entry of the proxy latency probe (see latency-probe-process.ts for the protocol). */
import { createInterface } from "node:readline";
import { startMockOpenAIServer } from "../../providers/testing/mock-openai-server.js";
import { closeProbeConnections, probe, warmUp } from "./latency-probe.js";
import type { ProbeOptions } from "./latency-probe-process.js";

async function main(o: ProbeOptions): Promise<void> {
  const mock = await startMockOpenAIServer({
    handler: () => ({ text: o.answer, chunkSize: o.chunkChars, chunkDelayMs: o.chunkGapMs }),
  });
  process.stdout.write(`${JSON.stringify({ upstream: mock.url })}\n`);
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const first = await lines.next();
  const { proxy } = JSON.parse(String(first.value)) as { proxy: string };
  const messages = [{ role: "user", content: o.question }];
  const whole = JSON.stringify({ model: "mock-model", messages });
  const streamed = JSON.stringify({ model: "mock-model", stream: true, messages });
  if (o.warmupRequests) await warmUp(mock.url, proxy, whole, o.warmupRequests);
  await probe(mock.url, proxy, whole, false, o.rate, o.warmupSeconds);
  process.stdout.write(`${JSON.stringify({ phase: "whole" })}\n`);
  const w = await probe(mock.url, proxy, whole, false, o.rate, o.seconds);
  process.stdout.write(`${JSON.stringify({ phase: "whole-done" })}\n`);
  await probe(mock.url, proxy, streamed, true, o.streamRate, o.warmupSeconds);
  const s = await probe(mock.url, proxy, streamed, true, o.streamRate, o.streamSeconds ?? o.seconds);
  process.stdout.write(`${JSON.stringify({ whole: w, stream: s })}\n`);
  closeProbeConnections();
  await mock.close();
  process.exit(0);
}

main(JSON.parse(process.argv[2] ?? "{}") as ProbeOptions).catch((e: unknown) => {
  process.stderr.write(`latency probe failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
