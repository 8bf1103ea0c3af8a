/**
 * The streaming output rail over an async iterable: `for await (const ev of guardStream(guard,
 * chunks))` yields only checked text, then "end" — or "blocked" with the safe reply, after which
 * the source is cancelled (its `return()` is called) so no more tokens are generated for nothing.
 */
import { StreamGuard } from "./stream-guard.js";
import type { StreamCheckGuard, StreamEvent, StreamGuardOptions } from "./types.js";

export async function* guardStream(
  guard: StreamCheckGuard,
  source: AsyncIterable<string> | Iterable<string>,
  options: StreamGuardOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  const stream = new StreamGuard(guard, options);
  let iterator: AsyncIterator<string> | Iterator<string> | undefined;
  let exhausted = false;
  try {
    iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    for (;;) {
      let step: IteratorResult<string>;
      try {
        step = await iterator.next();
      } catch (err) {
        exhausted = true; // a throwing iterator is finished
        yield* await stream.fail(err);
        return;
      }
      if (step.done) {
        exhausted = true;
        break;
      }
      yield* await stream.push(step.value);
      if (stream.closed) return;
    }
    yield* await stream.end();
  } catch (err) {
    // Getting the iterator failed, or an unexpected error: still end with a blocked event.
    if (!stream.closed) yield* await stream.fail(err);
  } finally {
    // Blocked, or the consumer stopped early: cancel the source. Its own errors do not matter now.
    if (iterator && !exhausted && typeof iterator.return === "function") {
      try {
        await iterator.return();
      } catch {
        /* the stream is over either way */
      }
    }
  }
}
