/**
 * The HTTP routes, as a Hono app:
 *
 *   POST /v1/chat/completions   OpenAI-compatible proxy through the guard's rails (API key)
 *   POST /v1/guard              one guard decision (API key)
 *   GET  /v1/models             the upstream's model list, passed through (API key)
 *   GET  /healthz               liveness, and whether the upstream is reachable
 *   GET  /metrics               Prometheus metrics
 *
 * Every error is answered in OpenAI's error format.
 */
import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { ANONYMOUS, type Caller } from "./auth/key-ring.js";
import { handleChat } from "./chat/handler.js";
import { toResponse } from "./chat/reply.js";
import { HttpError, toHttpError } from "./http/openai-error.js";
import { readJson } from "./http/read-json.js";
import { handleGuard } from "./routes/guard-route.js";
import type { ServerState } from "./runtime/state.js";
import { upstreamModels } from "./upstream/models.js";
import { upstreamFailure } from "./chat/turn.js";

/** Under @hono/node-server the Node request is in the bindings; under app.request() it is absent. */
type Env = { Bindings: Partial<HttpBindings>; Variables: { caller: Caller } };

/** Sub-apps served beside the API, by path prefix (e.g. `{ "/dashboard": dashboard }`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any sub-app, whatever its env and schema
export type MountedApps = Record<string, Hono<any, any, any>>;

export interface AppOptions {
  /** The provider was injected (not built from config.upstream): /v1/models lists the configured model. */
  customProvider?: boolean;
  /** Mounted as they are: no API key (they bring their own sign-in), but refused while draining. */
  mounts?: MountedApps;
}

export function createApp(state: ServerState, options: AppOptions = {}): Hono<Env> {
  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    if (state.draining) {
      c.header("connection", "close");
      return c.json(
        new HttpError(
          503,
          "The server is shutting down; retry on another instance.",
          "server_error",
          "shutting_down",
        ).body(),
        503,
      );
    }
    await next();
  });

  app.get("/healthz", async (c) => {
    const upstream = await state.probe.status();
    return c.json({ status: "ok", upstream });
  });

  app.get("/metrics", async (c) => {
    const text = await state.metrics.text();
    return c.body(text, 200, { "content-type": state.metrics.contentType });
  });

  app.use("/v1/*", async (c, next) => {
    c.set(
      "caller",
      state.keys.size === 0 ? ANONYMOUS : state.keys.authenticate(c.req.header("authorization")),
    );
    await next();
  });

  // startServer answers this route itself (chat/node-route.ts); this one serves embedders of the app.
  app.post("/v1/chat/completions", async (c) => {
    const json = await readJson(c.req.raw, state.config.limits.maxBodyBytes, c.env?.incoming);
    return toResponse(await handleChat(state, c.get("caller"), json, c.req.raw.signal));
  });
  app.post("/v1/guard", (c) => handleGuard(state, c.get("caller"), c.req.raw, c.env?.incoming));
  app.get("/v1/models", async (c) => {
    try {
      return await upstreamModels(state.config.upstream, options.customProvider === true, c.req.raw.signal);
    } catch (err) {
      throw upstreamFailure(state, err);
    }
  });

  for (const [path, sub] of Object.entries(options.mounts ?? {})) app.route(path, sub);

  app.notFound((c) =>
    new HttpError(
      404,
      `Unknown route ${c.req.method} ${c.req.path}; this server answers POST /v1/chat/completions, POST /v1/guard, GET /v1/models, GET /healthz and GET /metrics.`,
      "invalid_request_error",
      "unknown_url",
    ).response(),
  );

  app.onError((err, c) => {
    const e = toHttpError(err);
    if (e.status >= 500 && !(err instanceof HttpError))
      state.logger.error({ err, path: c.req.path }, "request failed");
    return e.response();
  });

  return app;
}
