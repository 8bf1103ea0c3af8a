/**
 * `guardstack serve [--config server.yaml] [--port N] [--host H] [--policy P]
 *  [--upstream-base-url URL --upstream-model M]` — the guard API and OpenAI-compatible proxy.
 * `guardstack serve hash-key <key|->` — the `sha256:<hex>` line to put under `keys:` in the config.
 */
import type { Command } from "commander";
import { hashKey } from "../../server/auth/hash-key.js";
import { loadServerConfig, ServerConfigError, type ServerConfigOverrides } from "../../server/config/load.js";
import { defaultLogger, startServer } from "../../server/server.js";
import { closeOnSignals } from "../../server/signals.js";
import { dashboardMount } from "../../server/dashboard/mount.js";
import { EvalStore } from "../../eval/store/eval-store.js";
import { createMonitor } from "../../monitor/monitor.js";
import { UserError } from "../errors.js";
import { readTextArg } from "../read-input.js";

interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
  policy?: string;
  upstreamBaseUrl?: string;
  upstreamModel?: string;
  db?: string;
  monitor: boolean;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UserError(`--port must be 0-65535, got "${value}"`);
  return n;
}

function overridesOf(opts: ServeOptions): ServerConfigOverrides {
  const o: ServerConfigOverrides = {};
  if (opts.port !== undefined) o.port = parsePort(opts.port);
  if (opts.host !== undefined) o.host = opts.host;
  if (opts.policy !== undefined) o.policy = opts.policy;
  if (opts.upstreamBaseUrl !== undefined) o.upstreamBaseURL = opts.upstreamBaseUrl;
  if (opts.upstreamModel !== undefined) o.upstreamModel = opts.upstreamModel;
  return o;
}

export function registerServe(program: Command): void {
  const serve = program
    .command("serve")
    .description("run the guard API and the OpenAI-compatible proxy (stops gracefully on SIGTERM/SIGINT)")
    .option("-c, --config <file>", "server config YAML (upstream, policy, keys, limits)")
    .option("--port <port>", "port to listen on (default 8787; 0 picks a free one)")
    .option("--host <host>", "address to listen on (default 127.0.0.1; others need keys: in the config)")
    .option("-p, --policy <policy>", "built-in policy name or YAML file (overrides the config)")
    .option("--upstream-base-url <url>", "OpenAI-compatible upstream, e.g. http://127.0.0.1:11434/v1")
    .option("--upstream-model <model>", "the upstream's model name")
    .option(
      "--db <file|url>",
      "audit, incidents, review queue and eval runs: a SQLite file or a postgres:// URL",
      process.env.GUARDSTACK_DB ?? ".guardstack/guardstack.db",
    )
    .option("--no-monitor", "do not record decisions (no audit store, no dashboard)")
    .action(async (opts: ServeOptions) => {
      let loaded;
      try {
        loaded = await loadServerConfig(opts.config, overridesOf(opts));
      } catch (err) {
        if (err instanceof ServerConfigError) throw new UserError(err.message);
        throw err;
      }
      const logger = defaultLogger();
      let server;
      let cleanup: (() => Promise<void>) | undefined;
      try {
        if (opts.monitor && opts.db) {
          // Every decision goes to the audit store; the dashboard (behind the admin password) reads it.
          const monitor = await createMonitor({ db: opts.db, onError: (m) => logger.warn(m) });
          const evals = opts.db.startsWith("postgres") ? undefined : await EvalStore.open(opts.db);
          const dash = await dashboardMount({
            audit: monitor.audit,
            incidents: monitor.incidents,
            ...(evals ? { evals } : {}),
            onError: (err, path) => logger.error({ err, path }, "dashboard request failed"),
          });
          if (!dash.enabled && dash.message) logger.warn(dash.message);
          cleanup = async () => {
            await monitor.close();
            await evals?.close();
          };
          server = await startServer({
            config: loaded.config,
            baseDir: loaded.baseDir,
            logger,
            wrapGuard: (g) => monitor.attach(g),
            escalationStore: monitor.review,
            mount: dash.mount,
          });
        } else {
          server = await startServer({ config: loaded.config, baseDir: loaded.baseDir, logger });
        }
      } catch (err) {
        if (err instanceof ServerConfigError) throw new UserError(err.message);
        throw new UserError(`cannot start the server: ${err instanceof Error ? err.message : String(err)}`);
      }
      closeOnSignals(server, logger, cleanup);
      // Readiness line on stdout, for scripts and supervisors: the address actually bound.
      console.log(`guardstack serving on ${server.url}`);
    });

  serve
    .command("hash-key")
    .description("print the sha256:<hex> hash of an API key for the config's keys: list (- reads stdin)")
    .argument("<key>", "the API key, or - to read it from standard input (keeps it out of shell history)")
    .action(async (keyArg: string) => {
      const key = (await readTextArg(keyArg)).trim();
      if (key.length < 16) throw new UserError("the key is too short: use at least 16 random characters");
      console.log(hashKey(key));
    });
}
