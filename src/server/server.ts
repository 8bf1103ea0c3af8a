/**
 * Starting and stopping the server. `startServer` builds the guards, limiters and provider, then listens
 * (on 127.0.0.1 by default). Without API keys it refuses any address other machines could reach.
 *
 * Shutdown (`close()`, or SIGTERM/SIGINT with `handleSignals`) is graceful: stop accepting connections,
 * refuse new requests on open ones with 503, let requests in flight finish up to the grace deadline,
 * then cut what is left, and close the rate-limit store (Redis).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { pino, type Logger } from "pino";
import type { EscalationQueue } from "../guard/escalation/index.js";
import { createApp, type MountedApps } from "./app.js";
import { CHAT_PATH, serveChat } from "./chat/node-route.js";
import { ServerConfigError, parseServerConfig } from "./config/load.js";
import type { ServerConfig, ServerConfigInput } from "./config/schema.js";
import { isLoopbackHost } from "./http/loopback.js";
import type { ServerMetrics } from "./metrics/server-metrics.js";
import { createServerState, type ServerState, type ServerStateOptions } from "./runtime/state.js";

export interface StartServerOptions extends Omit<ServerStateOptions, "logger"> {
  /** The configuration: parsed, or raw (validated here). */
  config: ServerConfig | ServerConfigInput;
  /** Default: JSON lines on stderr at GUARDSTACK_LOG_LEVEL (default "info"). */
  logger?: Logger;
  /**
   * Sub-apps to serve beside the API, built once the server's state exists, e.g.
   * `(state) => ({ "/dashboard": createDashboard({ escalations: state.escalations.queue, ... }) })`.
   */
  mount?: (state: ServerState) => MountedApps | Promise<MountedApps>;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  host: string;
  port: number;
  state: ServerState;
  metrics: ServerMetrics;
  /** The review queue, when the config sets `reviewQueue: true`. */
  escalations: EscalationQueue | undefined;
  /** Requests being handled now. */
  readonly inFlight: number;
  /** Graceful shutdown; resolves once every connection is closed. Calling it again returns the same promise. */
  close(options?: { graceMs?: number }): Promise<void>;
}

export function defaultLogger(): Logger {
  return pino({ name: "guardstack", level: process.env.GUARDSTACK_LOG_LEVEL ?? "info" }, pino.destination(2));
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === "EADDRINUSE"
          ? `port ${port} is already in use; choose another with --port`
          : err.code === "EACCES"
            ? `not allowed to listen on port ${port}; use a port above 1023`
            : err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND"
              ? `${host} is not an address of this machine; check --host`
              : err.message;
      reject(new ServerConfigError(`cannot listen on ${host}:${port}: ${why}`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const config = parseServerConfig(options.config);
  const logger = options.logger ?? defaultLogger();
  const host = config.host;
  if (config.keys.length === 0 && !isLoopbackHost(host))
    throw new ServerConfigError(
      `refusing to listen on ${host} without API keys: anyone who can reach it could use the upstream model. Add keys: to the config (hash one with "guardstack serve hash-key <key>"), or listen on 127.0.0.1`,
    );

  const { config: _c, logger: _l, mount, ...stateOptions } = options;
  const state = await createServerState(config, { ...stateOptions, logger });
  let mounts: MountedApps | undefined;
  try {
    mounts = mount ? await mount(state) : undefined;
  } catch (err) {
    await state.rateLimitStore.close().catch(() => undefined);
    throw err;
  }
  const app = createApp(state, {
    customProvider: options.provider !== undefined,
    ...(mounts ? { mounts } : {}),
  });
  const listener = getRequestListener(app.fetch);

  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    inFlight++;
    state.metrics.inFlight.inc();
    const path = pathOf(req);
    const method = req.method ?? "GET";
    // During a drain, tell keep-alive clients not to send more on this connection.
    if (state.draining) res.shouldKeepAlive = false;
    res.once("close", () => {
      inFlight--;
      state.metrics.inFlight.dec();
      const seconds = (performance.now() - t0) / 1000;
      state.metrics.observeRequest(path, method, res.statusCode, seconds);
      logger.debug({ method, path, status: res.statusCode, ms: Math.round(seconds * 1e4) / 10 }, "request");
      if (state.draining) server.closeIdleConnections();
      if (inFlight === 0) onIdle?.();
    });
    // The chat route is served directly (the Hono app has it too, and answers it while draining).
    if (method === "POST" && path === CHAT_PATH && !state.draining) void serveChat(state, req, res);
    else void listener(req, res);
  });
  // Streams may be slow to start (the upstream's first token); let the proxy's own limits decide.
  server.requestTimeout = 0;

  let address: AddressInfo;
  try {
    address = await listen(server, config.port, host);
  } catch (err) {
    await state.rateLimitStore.close().catch(() => undefined);
    throw err;
  }
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  if (config.keys.length === 0)
    logger.warn(
      `no API keys configured: serving ${url} to local clients only, without authentication (add keys: to require a key)`,
    );
  logger.info(
    { url, upstream: state.provider.name, policy: state.defaultGuard.policy.name },
    "guardstack server listening",
  );

  let closing: Promise<void> | undefined;
  const close = (opts: { graceMs?: number } = {}): Promise<void> => {
    closing ??= (async () => {
      const graceMs = opts.graceMs ?? config.shutdown.graceMs;
      state.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        logger.info({ inFlight, graceMs }, "shutting down: waiting for requests in flight");
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          timer = setTimeout(resolve, graceMs);
        });
        clearTimeout(timer);
        if (inFlight > 0)
          logger.warn({ inFlight }, "shutdown deadline reached: cutting requests still in flight");
      }
      server.closeAllConnections();
      await closed;
      // Charges and strikes the last responses left running go to the store before it closes.
      if (!(await state.background.drain(Math.max(1_000, graceMs))))
        logger.warn({ pending: state.background.size }, "shutdown: background work still running was left");
      state.closeUpstream();
      await state.rateLimitStore
        .close()
        .catch((err: unknown) => logger.warn({ err }, "closing the rate-limit store failed"));
      logger.info("guardstack server stopped");
    })();
    return closing;
  };

  return {
    url,
    host,
    port: address.port,
    state,
    metrics: state.metrics,
    escalations: state.escalations.queue,
    get inFlight() {
      return inFlight;
    },
    close,
  };
}
