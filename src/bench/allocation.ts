/**
 * Bytes a function allocates per call, from V8's sampling heap profiler with the objects that garbage
 * collections already freed counted too (so it is what was allocated, not what survived). Sampling: a
 * statistical estimate, good to a few per cent over a few thousand calls. Allocation matters to the
 * proxy's tail: every few hundred kilobytes a young-generation collection pauses the server.
 */
import { Session } from "node:inspector/promises";

interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

function total(node: ProfileNode): number {
  let sum = node.selfSize;
  for (const c of node.children) sum += total(c);
  return sum;
}

/** Mean bytes allocated by one call of `fn` over `calls` calls (after `calls` untimed warm-up calls). */
export async function bytesPerCall(fn: () => unknown, calls: number): Promise<number> {
  for (let i = 0; i < calls; i++) await fn();
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 512,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    });
    for (let i = 0; i < calls; i++) await fn();
    const { profile } = (await session.post("HeapProfiler.stopSampling")) as {
      profile: { head: ProfileNode };
    };
    return total(profile.head) / calls;
  } finally {
    session.disconnect();
  }
}
