/**
 * `POST /v1/guard` — one check: `{ stage, text, context? }` → the guard's Decision as JSON (the vault,
 * which holds the redacted originals, is never sent). Rate limits apply as for chat requests.
 */
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { STAGES } from "../../policy/stages.js";
import type { CheckContext } from "../../guard/types.js";
import { formatPath, type PathSegment } from "../../policy/problems.js";
import type { Caller } from "../auth/key-ring.js";
import { HttpError } from "../http/openai-error.js";
import { rateLimitError } from "../http/rate-limit-error.js";
import { readJson } from "../http/read-json.js";
import type { ServerState } from "../runtime/state.js";

export const GuardRequestSchema = z
  .object({
    stage: z.enum(STAGES),
    text: z.string(),
    context: z
      .object({
        systemPrompt: z.string().optional(),
        canaries: z.array(z.string().min(1)).max(100).optional(),
        /** Source passages (RAG documents) for groundedness checks at output. */
        context: z.array(z.string()).max(1000).optional(),
        userId: z.string().max(256).optional(),
        sessionId: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type GuardRequest = z.infer<typeof GuardRequestSchema>;

function parse(body: unknown): GuardRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(
      400,
      "The request body must be a JSON object.",
      "invalid_request_error",
      "invalid_body",
    );
  const parsed = GuardRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const param = formatPath(issue.path.filter((p): p is PathSegment => typeof p !== "symbol"));
  throw new HttpError(
    400,
    `Invalid value for '${param || "body"}': ${issue.message}.`,
    "invalid_request_error",
    "invalid_value",
    param || null,
  );
}

export async function handleGuard(
  state: ServerState,
  caller: Caller,
  request: Request,
  incoming?: IncomingMessage,
): Promise<Response> {
  const req = parse(await readJson(request, state.config.limits.maxBodyBytes, incoming));
  const userId = req.context?.userId;
  const limiter = state.limiterFor(caller);
  const limit = await limiter.check({
    keyId: caller.keyId,
    text: req.text,
    ...(userId !== undefined ? { userId } : {}),
  });
  if (!limit.allowed) {
    state.metrics.rateLimit(limit.reason);
    throw rateLimitError(limit);
  }
  const guard = state.guardFor(caller);
  const ctx: CheckContext & { keyId: string } = { ...req.context, keyId: caller.keyId };
  const { vault: _vault, ...decision } = await guard.check(req.stage, req.text, ctx);
  state.metrics.observeDecision(decision);
  if (decision.action === "block" && userId !== undefined && decision.reasons[0]) {
    const v = await limiter.recordViolation({ userId, category: decision.reasons[0].category });
    if (v.error !== undefined) state.logger.warn({ error: v.error }, "could not record a strike");
  }
  return Response.json(decision);
}
