/**
 * A proxy that does nothing but forward: each request's bytes go to the upstream over a keep-alive
 * node:http agent (the same kind of client as guardstack's own upstream hop) and the answer's bytes come
 * back, streamed as they arrive. The proxy benchmark measures it in the same harness as `guardstack
 * serve`, so the added latency of any Node proxy on the machine (an extra loopback hop, two more process
 * wake-ups, HTTP parsing on both sides) is shown apart from what the guard itself adds.
 */
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface PassThroughProxy {
  /** OpenAI base URL of the proxy, ending in /v1. */
  baseURL: string;
  close(): Promise<void>;
}

/** `upstream` is an OpenAI base URL (…/v1); requests to `<proxy>/v1/<path>` go to `<upstream>/<path>`. */
export async function startPassThroughProxy(upstream: string): Promise<PassThroughProxy> {
  const target = new URL(upstream.endsWith("/") ? upstream : `${upstream}/`);
  const agent = new Agent({ keepAlive: true, scheduling: "lifo" });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").replace(/^\/v1\//, "");
    const out = request(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + path,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`pass-through proxy: ${err.message}`);
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
