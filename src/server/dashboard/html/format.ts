/** Numbers, rates, durations and times as the pages show them. */

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** 0.1234 -> "12.3%"; small rates keep two decimals so they do not read as zero. */
export function fmtPct(rate: number): string {
  if (!Number.isFinite(rate)) return "–";
  const p = rate * 100;
  if (p === 0) return "0%";
  if (p < 1) return `${p.toFixed(2)}%`;
  if (p < 10) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** Milliseconds with a unit that fits: 42 µs, 1.3 ms, 2.4 s. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms === 0) return "0";
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A span of time in words: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** "2024-05-01 13:45:07 UTC": what the server renders; the script shows local time over it. */
export function fmtUtc(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A short axis label for a bucket start: "13:00" within a day's range, "May 1" beyond. */
export function fmtAxisTime(ms: number, bucketMs: number): string {
  const d = new Date(ms);
  if (bucketMs < 86_400_000 && bucketMs < 6 * 3_600_000) return d.toISOString().slice(11, 16);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const day = d.getUTCDate();
  return bucketMs < 86_400_000 ? `${month} ${day} ${d.toISOString().slice(11, 13)}h` : `${month} ${day}`;
}
