/** The overview's time ranges: each a span cut into buckets aligned to the bucket size (UTC). */

export const RANGES = {
  "24h": { label: "Last 24 hours", spanMs: 24 * 3_600_000, bucketMs: 3_600_000 },
  "7d": { label: "Last 7 days", spanMs: 7 * 86_400_000, bucketMs: 6 * 3_600_000 },
  "30d": { label: "Last 30 days", spanMs: 30 * 86_400_000, bucketMs: 86_400_000 },
} as const;

export type RangeKey = keyof typeof RANGES;

export function isRangeKey(value: string | undefined): value is RangeKey {
  return value !== undefined && Object.hasOwn(RANGES, value);
}

export interface TimeWindow {
  /** Inclusive, epoch ms. */
  since: number;
  /** Exclusive: the end of the bucket holding `now`. */
  until: number;
  bucketMs: number;
  /** Start of each bucket, oldest first. */
  starts: number[];
}

export function timeWindow(range: RangeKey, now: number): TimeWindow {
  const { spanMs, bucketMs } = RANGES[range];
  const until = (Math.floor(now / bucketMs) + 1) * bucketMs;
  const since = until - spanMs;
  const starts: number[] = [];
  for (let t = since; t < until; t += bucketMs) starts.push(t);
  return { since, until, bucketMs, starts };
}

/** Index of the bucket a bucket number (floor(ts / bucketMs)) falls in, or -1 outside the window. */
export function bucketIndex(w: TimeWindow, bucketNumber: number): number {
  const i = Math.round((bucketNumber * w.bucketMs - w.since) / w.bucketMs);
  return i >= 0 && i < w.starts.length ? i : -1;
}
