/**
 * A real server in front of the mock OpenAI upstream, with the official `openai` SDK as the client: what
 * the server's tests (and the proxy benchmark) drive over HTTP.
 */
import OpenAI from "openai";
import { pino } from "pino";
import {
  startMockOpenAIServer,
  type MockHandler,
  type MockOpenAIServer,
} from "../../providers/testing/mock-openai-server.js";
import type { ServerConfigInput } from "../config/schema.js";
import { startServer, type RunningServer, type StartServerOptions } from "../server.js";

export interface HarnessOptions {
  handler?: MockHandler;
  /** Merged over the default test config (port 0, the mock as upstream, no retries). */
  config?: Partial<ServerConfigInput>;
  /** Merged over the default upstream (kind openai, the mock's URL, model "mock-model", maxRetries 0). */
  upstream?: Record<string, unknown>;
  /** The API key the SDK client sends (default: none). */
  apiKey?: string;
  server?: Partial<Omit<StartServerOptions, "config">>;
}

export interface Harness {
  mock: MockOpenAIServer;
  server: RunningServer;
  client: OpenAI;
  /** Base URL of the server's /v1. */
  baseURL: string;
  close(): Promise<void>;
}

export const silentLogger = () => pino({ level: "silent" });

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mock = await startMockOpenAIServer(options.handler ? { handler: options.handler } : {});
  let server: RunningServer;
  try {
    server = await startServer({
      config: {
        port: 0,
        ...options.config,
        upstream: {
          kind: "openai",
          baseURL: mock.url,
          model: "mock-model",
          maxRetries: 0,
          ...options.upstream,
        } as ServerConfigInput["upstream"],
      },
      logger: silentLogger(),
      ...options.server,
    });
  } catch (err) {
    await mock.close();
    throw err;
  }
  const baseURL = `${server.url}/v1`;
  const client = new OpenAI({ baseURL, apiKey: options.apiKey ?? "no-key", maxRetries: 0, timeout: 30_000 });
  return {
    mock,
    server,
    client,
    baseURL,
    async close() {
      await server.close({ graceMs: 0 });
      await mock.close();
    },
  };
}

/** A local port nothing listens on (bound, then released): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
