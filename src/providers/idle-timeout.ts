/**
 * Guards a stream against stalling: if no item arrives within `ms`, `onStall` is called (it should abort
 * the underlying request) and what it returns is thrown. The SDKs' own timeout only covers the wait for
 * response headers, so a server that stops mid-stream would otherwise hang the caller forever.
 */
export async function* withIdleTimeout<T>(
  source: AsyncIterable<T>,
  ms: number | undefined,
  onStall: () => unknown,
): AsyncGenerator<T> {
  if (ms === undefined || !Number.isFinite(ms)) {
    yield* source;
    return;
  }
  const it = source[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<"stalled">((resolve) => {
        timer = setTimeout(() => resolve("stalled"), ms);
      });
      const result = await Promise.race([it.next(), stalled]).finally(() => clearTimeout(timer));
      if (result === "stalled") throw onStall();
      if (result.done) {
        done = true;
        return;
      }
      yield result.value;
    }
  } finally {
    // Consumer stopped early or the stream stalled: let the source clean up (the SDKs abort the request).
    // Not awaited, since after a stall the source may still be mid-read until the abort lands.
    if (!done) it.return?.().catch(() => undefined);
  }
}
