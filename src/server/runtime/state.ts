/**
 * Everything a running server shares between requests: the upstream provider, a guard per policy (the
 * server's and each key's), a rate limiter per key over one store (memory, or Redis when configured),
 * conversation sessions, the escalation queue, metrics and the logger.
 */
import type { Logger } from "pino";
import { createGuard, type Guard } from "../../guard/create-guard.js";
import type { EscalationStore } from "../../guard/escalation/index.js";
import {
  Limiter,
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
} from "../../guard/limits/index.js";
import type { Detector } from "../../detectors/types.js";
import { resolvePolicy } from "../../policy/load.js";
import { providerFromConfig } from "../../providers/from-config.js";
import type { Provider } from "../../providers/types.js";
import type { StreamGuardOptions } from "../../guard/streaming/index.js";
import { ANONYMOUS, KeyRing, type Caller } from "../auth/key-ring.js";
import type { PolicyRef, ServerConfig } from "../config/schema.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { openAIUpstream } from "../upstream/openai-upstream.js";
import { UpstreamProbe } from "../upstream/probe.js";
import { BackgroundTasks } from "./background.js";
import { Escalations } from "./escalations.js";
import { SessionStore } from "./session-store.js";

/** Upstream calls the proxy keeps in flight at once when the upstream config does not say. */
export const DEFAULT_UPSTREAM_CONCURRENCY = 64;

export interface ServerStateOptions {
  /** Folder that relative paths in the config resolve against (default: the working directory). */
  baseDir?: string;
  logger: Logger;
  /** Use this provider instead of building one from `config.upstream` (tests, embedding). */
  provider?: Provider;
  /** Extra detectors for every guard. */
  detectors?: Detector[];
  /** Wraps each guard the server builds, e.g. `(g) => withAudit(g, writer)` to audit every decision. */
  wrapGuard?: (guard: Guard) => Guard;
  metrics?: ServerMetrics;
  /** Where escalations are kept (default: in memory); only used with `reviewQueue: true`. */
  escalationStore?: EscalationStore;
}

export interface ServerState {
  config: ServerConfig;
  provider: Provider;
  keys: KeyRing;
  /** The server's own guard (keys without a policy of their own use it). */
  defaultGuard: Guard;
  guardFor(caller: Caller): Guard;
  limiterFor(caller: Caller): Limiter;
  streamOptions: Pick<StreamGuardOptions, "holdChars" | "lookaheadChars" | "maxHoldChars" | "contextChars">;
  sessions: SessionStore;
  escalations: Escalations;
  metrics: ServerMetrics;
  logger: Logger;
  probe: UpstreamProbe;
  rateLimitStore: RateLimitStore;
  /** Work responses do not wait for (output-token charges, strikes); drained at shutdown. */
  background: BackgroundTasks;
  /** Closes the upstream client's kept-alive connections (at shutdown). */
  closeUpstream(): void;
  /** Set when shutdown begins: new requests are refused with 503. */
  draining: boolean;
}

/**
 * The provider for the configured upstream. An OpenAI-compatible one gets the proxy's own HTTP client
 * (keep-alive connections, one serialisation each way); the others are built as everywhere else.
 */
function upstreamProvider(upstream: ServerConfig["upstream"], baseDir: string): Provider {
  if (upstream.kind !== "openai") return providerFromConfig(upstream, { baseDir });
  const { kind: _kind, ...options } = upstream;
  return openAIUpstream(options);
}

function withConcurrency(upstream: ServerConfig["upstream"]): ServerConfig["upstream"] {
  if (upstream.kind === "replay" || upstream.concurrency !== undefined) return upstream;
  return { ...upstream, concurrency: DEFAULT_UPSTREAM_CONCURRENCY };
}

export async function createServerState(
  config: ServerConfig,
  options: ServerStateOptions,
): Promise<ServerState> {
  const baseDir = options.baseDir ?? process.cwd();
  const keys = new KeyRing(config.keys);
  /** The provider built here (closed at shutdown); an injected one belongs to the caller. */
  let own: Provider | undefined;
  const provider = options.provider ?? (own = upstreamProvider(withConcurrency(config.upstream), baseDir));

  // One guard per distinct policy reference, built up front so a bad policy fails at start, not per request.
  const guards = new Map<string, Guard>();
  const build = async (ref: PolicyRef, where: string): Promise<Guard> => {
    const id = JSON.stringify(ref);
    const known = guards.get(id);
    if (known) return known;
    let guard: Guard;
    try {
      const loaded = await resolvePolicy(ref, { baseDir });
      guard = await createGuard({
        policy: loaded,
        ...(options.detectors ? { detectors: options.detectors } : {}),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`${where}: ${message}`, { cause: err });
    }
    if (options.wrapGuard) guard = options.wrapGuard(guard);
    guards.set(id, guard);
    return guard;
  };
  const serverGuard = await build(config.policy, "policy");
  const keyGuards = new Map<string, Guard>();
  for (const [i, key] of config.keys.entries())
    if (key.policy !== undefined) keyGuards.set(key.id, await build(key.policy, `keys[${i}].policy`));

  let rateLimitStore: RateLimitStore = new MemoryRateLimitStore();
  if (config.redis) {
    const redis = new RedisRateLimitStore({ url: config.redis.url });
    rateLimitStore = redis;
    // Not fatal: Redis may come up later. Until then checks follow the policy's rateLimits.onStoreError.
    await redis
      .ready()
      .catch((err: unknown) =>
        options.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          "Redis is not answering; rate limits follow rateLimits.onStoreError until it does",
        ),
      );
  }
  const onEscalate = (n: { userId: string; category: string }) => {
    options.logger.warn(
      { userId: n.userId, category: n.category },
      "user crossed the strikes escalation threshold",
    );
  };
  // Rates come from the caller's policy (`rateLimits:`) unless the key sets its own; one store for all.
  const limiterOf = (guard: Guard) =>
    new Limiter({ config: guard.policy.rateLimits, store: rateLimitStore, onEscalate });
  const serverLimiter = limiterOf(serverGuard);
  const keyLimiters = new Map<string, Limiter>();
  for (const key of config.keys) {
    if (key.rateLimits !== undefined)
      keyLimiters.set(key.id, new Limiter({ config: key.rateLimits, store: rateLimitStore, onEscalate }));
    else {
      const guard = keyGuards.get(key.id);
      if (guard) keyLimiters.set(key.id, limiterOf(guard));
    }
  }

  const streamOptions: ServerState["streamOptions"] = {};
  for (const k of ["holdChars", "lookaheadChars", "maxHoldChars", "contextChars"] as const) {
    const v = config.stream[k];
    if (v !== undefined) streamOptions[k] = v;
  }

  return {
    config,
    provider,
    keys,
    defaultGuard: serverGuard,
    guardFor: (caller) => keyGuards.get(caller.keyId) ?? serverGuard,
    limiterFor: (caller) => keyLimiters.get(caller.keyId) ?? serverLimiter,
    streamOptions,
    sessions: new SessionStore(),
    escalations: new Escalations(
      config.reviewQueue ? serverGuard.policy.escalation : undefined,
      options.escalationStore,
    ),
    metrics: options.metrics ?? new ServerMetrics(),
    logger: options.logger,
    probe: new UpstreamProbe(config.upstream, options.provider !== undefined),
    rateLimitStore,
    background: new BackgroundTasks(options.logger),
    closeUpstream: () => (own as { close?: () => void } | undefined)?.close?.(),
    draining: false,
  };
}

export { ANONYMOUS };
