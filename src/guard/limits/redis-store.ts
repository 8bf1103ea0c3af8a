/**
 * The Redis store: every operation is one Lua script call (EVALSHA through ioredis defineCommand), so it
 * is atomic and one round trip, and every guard instance on the same Redis shares one count. Times come
 * from the Redis server's clock unless a clock is given, so instances with skewed clocks still agree.
 *
 * Failure is fast and explicit: a store this class connects itself does not queue commands while Redis
 * is unreachable (it reconnects in the background), and every call has a time budget; either way the
 * call rejects with a RateLimitStoreError naming the server, and the Limiter applies `onStoreError`.
 * Keys of one check must live on one node, so Redis Cluster is not supported (use one server or Sentinel).
 */
import { Redis, type RedisOptions } from "ioredis";
import { EPS_MS } from "./gcra.js";
import { CHECK_SCRIPT, READ_STRIKES_SCRIPT, STRIKE_SCRIPT } from "./redis-scripts.js";
import {
  RateLimitStoreError,
  type RateLimitStore,
  type StoreBucketResult,
  type StoreCheckRequest,
  type StoreCheckResult,
  type StrikeResult,
} from "./store.js";
import {
  NEGLIGIBLE_SCORE,
  strikeState,
  type StrikeParams,
  type StrikeRecord,
  type StrikeState,
} from "./strikes.js";

export interface RedisStoreOptions {
  /** A client the caller owns (close() leaves it open). Give this or `url`. */
  client?: Redis;
  /** redis://host:port/db — the store creates, owns and closes its client. */
  url?: string;
  /** Key prefix, so several deployments can share a server. */
  prefix?: string;
  /** Epoch milliseconds; default: the Redis server's clock. */
  clock?: () => number;
  /** Time budget per call, ms. */
  timeoutMs?: number;
}

interface Scripts {
  guardstackRateCheck(numKeys: number, ...args: string[]): Promise<number[]>;
  guardstackStrike(numKeys: number, ...args: string[]): Promise<string[]>;
  guardstackReadStrikes(numKeys: number, ...args: string[]): Promise<string[]>;
}

const OWNED_CLIENT: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
};

const num = (s: string | undefined): number => (s === undefined ? NaN : Number(s));

export class RedisRateLimitStore implements RateLimitStore {
  readonly client: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly clock: (() => number) | undefined;
  private readonly timeoutMs: number;
  private readonly where: string;
  private connecting: Promise<void> | undefined;
  private lastError: string | undefined;

  constructor(options: RedisStoreOptions) {
    if (!options.client && !options.url) throw new Error("RedisRateLimitStore needs a client or a url");
    this.owned = !options.client;
    this.client = options.client ?? new Redis(options.url as string, OWNED_CLIENT);
    this.prefix = options.prefix ?? "guardstack:rl:";
    this.clock = options.clock;
    this.timeoutMs = options.timeoutMs ?? 1_000;
    const o = this.client.options;
    this.where = o.path ? o.path : `${o.host ?? "localhost"}:${o.port ?? 6379}`;
    this.client.on("error", (err: Error) => {
      this.lastError = err.message;
    });
    this.client.defineCommand("guardstackRateCheck", { lua: CHECK_SCRIPT });
    this.client.defineCommand("guardstackStrike", { lua: STRIKE_SCRIPT });
    this.client.defineCommand("guardstackReadStrikes", { lua: READ_STRIKES_SCRIPT });
    if (this.owned)
      this.connecting = this.client
        .connect()
        .catch(() => undefined) // reported per call; ioredis keeps reconnecting in the background
        .finally(() => {
          this.connecting = undefined;
        });
  }

  /** Resolves once Redis answers; rejects with a RateLimitStoreError when it does not. */
  async ready(): Promise<void> {
    await this.call(() => this.client.ping());
  }

  async check(req: StoreCheckRequest): Promise<StoreCheckResult> {
    const keys: string[] = [];
    if (req.strikeKey !== undefined) keys.push(this.prefix + req.strikeKey);
    const args = [this.now(), req.strikeKey !== undefined ? "1" : "0", req.force ? "1" : "0", String(EPS_MS)];
    for (const b of req.buckets) {
      keys.push(this.prefix + b.key);
      args.push(String(b.intervalMs), String(b.capacityMs), String(b.cost), b.throttledOnly ? "1" : "0");
    }
    const out = await this.call(() => this.scripts.guardstackRateCheck(keys.length, ...keys, ...args));
    const ms = (us: number | undefined) => (us === -1 ? Number.POSITIVE_INFINITY : (us ?? NaN) / 1000);
    const buckets: StoreBucketResult[] = req.buckets.map((_, i) => {
      const at = 3 + i * 6;
      return {
        allowed: out[at] === 1,
        skipped: out[at + 1] === 1,
        tooLarge: out[at + 2] === 1,
        remaining: out[at + 3] ?? NaN,
        resetMs: ms(out[at + 4]),
        retryAfterMs: ms(out[at + 5]),
      };
    });
    return { allowed: out[0] === 1, blockedForMs: ms(out[1]), throttled: out[2] === 1, buckets };
  }

  async strike(key: string, p: StrikeParams): Promise<StrikeResult> {
    const args = [
      this.now(),
      p.weight,
      p.halfLifeMs,
      p.throttleAt,
      p.throttleForMs,
      p.blockAt,
      p.blockForMs,
      p.escalateAt,
      NEGLIGIBLE_SCORE,
    ].map(String);
    const out = await this.call(() => this.scripts.guardstackStrike(1, this.prefix + key, ...args));
    const { now, record } = parseRecord(out);
    return { state: strikeState(record, now, p.halfLifeMs, p.escalateAt), newlyEscalated: out[6] === "1" };
  }

  async strikes(key: string, halfLifeMs: number, escalateAt: number): Promise<StrikeState> {
    const out = await this.call(() => this.scripts.guardstackReadStrikes(1, this.prefix + key, this.now()));
    const { now, record } = parseRecord(out);
    return strikeState(record, now, halfLifeMs, escalateAt);
  }

  async clearStrikes(key: string): Promise<void> {
    await this.call(() => this.client.del(this.prefix + key));
  }

  close(): Promise<void> {
    if (!this.owned) return Promise.resolve();
    this.client.disconnect();
    return Promise.resolve();
  }

  private get scripts(): Scripts {
    return this.client as unknown as Scripts;
  }

  private now(): string {
    return this.clock ? String(this.clock()) : "";
  }

  /** Runs one command within the time budget; any failure becomes a RateLimitStoreError. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      // The first connection attempt is inside the budget too: a server that accepts but never answers
      // must not hold requests.
      const connected = this.connecting;
      return await Promise.race([connected ? connected.then(run) : run(), timeout]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A Redis error reply (e.g. a script error) means Redis answered: say so rather than "unavailable".
      if (err instanceof Error && err.name === "ReplyError")
        throw new RateLimitStoreError(`rate-limit store: Redis at ${this.where} refused: ${message}`, {
          cause: err,
        });
      const last =
        this.lastError && this.lastError !== message ? ` (last connection error: ${this.lastError})` : "";
      throw new RateLimitStoreError(
        `rate-limit store: Redis at ${this.where} is unavailable: ${message}${last}`,
        {
          cause: err,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseRecord(out: string[]): { now: number; record: StrikeRecord } {
  return {
    now: num(out[0]),
    record: {
      score: num(out[1]),
      at: num(out[2]),
      count: num(out[3]),
      throttledUntil: num(out[4]),
      blockedUntil: num(out[5]),
    },
  };
}
