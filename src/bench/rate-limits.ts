/**
 * Rate-limit checks per second and per-check latency (p50, p99) for the memory and Redis stores, one at
 * a time and 64 in flight. The Redis rows run against a redis-server this module starts on a free port
 * (skipped, with a note, when the binary is absent).
 */
import { Limiter } from "../guard/limits/limiter.js";
import { MemoryRateLimitStore } from "../guard/limits/memory-store.js";
import { RedisRateLimitStore } from "../guard/limits/redis-store.js";
import { REDIS_SERVER_BIN, redisServerAvailable, startRedisServer } from "../guard/limits/redis-server.js";
import type { RateLimitStore } from "../guard/limits/store.js";
import { fmtUs, percentile } from "./timing.js";
import type { BenchModule } from "./types.js";

const USERS = 1_000;
const KEYS = 20;
const CONCURRENCY = [1, 64] as const;
// Generous rates, so the measured path is the usual one (allowed); a refusal costs the same store call.
const CONFIG = {
  user: { requests: { limit: 1_000_000 }, tokens: { limit: 100_000_000 } },
  key: { requests: { limit: 10_000_000 }, tokens: { limit: 1_000_000_000 } },
};

interface Cell {
  checksPerSec: number;
  p50Us: number;
  p99Us: number;
  refused: number;
}

/** `total` checks by `concurrency` workers; each check timed on its own. */
async function measureChecks(limiter: Limiter, total: number, concurrency: number): Promise<Cell> {
  const samples = new Float64Array(total);
  let next = 0;
  let refused = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = process.hrtime.bigint();
      const r = await limiter.check({ userId: `user-${i % USERS}`, keyId: `key-${i % KEYS}`, tokens: 250 });
      samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
      if (!r.allowed) refused++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  samples.sort();
  return {
    checksPerSec: total / seconds,
    p50Us: percentile(samples, 50),
    p99Us: percentile(samples, 99),
    refused,
  };
}

async function rows(name: string, store: RateLimitStore, quick: boolean, log: (m: string) => void) {
  const limiter = new Limiter({ config: CONFIG, store });
  const total = quick ? 3_000 : 30_000;
  await measureChecks(limiter, Math.ceil(total / 5), 8); // warm-up (JIT, script cache, connection)
  const out: string[] = [];
  for (const c of CONCURRENCY) {
    const m = await measureChecks(limiter, total, c);
    if (m.refused > 0)
      throw new Error(`rate-limits bench: ${m.refused} checks refused; the rates are too low`);
    log(`rate-limits ${name} c=${c}: ${Math.round(m.checksPerSec)} checks/s, p99 ${fmtUs(m.p99Us)} µs`);
    out.push(
      `| ${name} | ${c} | ${Math.round(m.checksPerSec).toLocaleString("en-US")} | ${fmtUs(m.p50Us)} | ${fmtUs(m.p99Us)} |`,
    );
  }
  return { out, total };
}

export const run: BenchModule = async (ctx) => {
  const table: string[] = [];
  const mem = await rows("memory", new MemoryRateLimitStore(), ctx.quick, (m) => ctx.log(m));
  table.push(...mem.out);
  let note: string;
  if (redisServerAvailable()) {
    const server = await startRedisServer();
    const store = new RedisRateLimitStore({ url: server.url, prefix: "bench:" });
    try {
      await store.ready();
      table.push(...(await rows("redis", store, ctx.quick, (m) => ctx.log(m))).out);
      note =
        "Redis: a local redis-server started for the run (no persistence), one ioredis connection per " +
        "store; each check is one EVALSHA of the check script, so latency is mostly the loopback round trip.";
    } finally {
      await store.close();
      await server.stop();
    }
  } else {
    note = `Redis rows skipped: ${REDIS_SERVER_BIN} is not installed (set GUARDSTACK_REDIS_SERVER to its path).`;
  }
  const markdown = [
    `Each check is \`limiter.check({ userId, keyId, tokens: 250 })\` against four rates (requests and tokens`,
    `per user and per API key) plus the user's strike record, over ${USERS} users and ${KEYS} keys (synthetic`,
    `ids; no dataset). ${mem.total.toLocaleString("en-US")} checks per row after a warm-up; concurrency is the`,
    `number of checks in flight at once from one process. Latency is per check, including queueing at`,
    `concurrency 64. ${note}`,
    "",
    "| store | concurrency | checks/s | p50 µs | p99 µs |",
    "|---|---:|---:|---:|---:|",
    ...table,
  ].join("\n");
  return { title: "Rate limits: checks per second and latency", markdown };
};
