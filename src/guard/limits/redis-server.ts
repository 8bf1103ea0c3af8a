/**
 * Starts a throwaway redis-server on a free local port (no persistence) and stops it: for the tests and
 * the benchmark of the Redis store, which exercise a real server rather than a mock.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, connect } from "node:net";

export const REDIS_SERVER_BIN = process.env.GUARDSTACK_REDIS_SERVER ?? "/usr/bin/redis-server";

export interface RedisServerHandle {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return existsSync(REDIS_SERVER_BIN);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

/** Starts a server on `port`, or on a free one. */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    REDIS_SERVER_BIN,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  const deadline = Date.now() + 5_000;
  for (;;) {
    if (await Promise.race([accepts(port), spawnError])) break;
    if (exited) throw new Error(`redis-server exited at start (port ${port})`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`redis-server did not accept connections on port ${port} within 5 s`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await exit;
    },
  };
}
