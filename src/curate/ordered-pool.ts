/**
 * Maps an async stream with up to `concurrency` calls in flight, yielding results in input order — so
 * provider calls overlap while the output file stays in the input's order. `fn` must not throw (wrap
 * failures in its result): a promise rejected while waiting its turn would go unhandled.
 */
export async function* orderedMap<T, R>(
  items: AsyncIterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const queue: Promise<R>[] = [];
  for await (const item of items) {
    queue.push(fn(item));
    if (queue.length >= Math.max(1, concurrency)) yield await queue.shift()!;
  }
  while (queue.length > 0) yield await queue.shift()!;
}
