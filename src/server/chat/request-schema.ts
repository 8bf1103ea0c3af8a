/**
 * The body of `POST /v1/chat/completions` the proxy accepts: OpenAI's Chat Completions request, text
 * content only, plus the `guardstack` extension field (retrieved documents, session id, canaries).
 * Parameters the proxy does not forward (top_p, stop, seed, response_format, ...) are accepted and
 * listed back in the response's `guardstack.ignoredParams`, so a client can see what had no effect.
 */
import { z } from "zod";
import { formatPath, type PathSegment } from "../../policy/problems.js";
import { HttpError } from "../http/openai-error.js";

const TextPart = z.looseObject({ type: z.literal("text"), text: z.string() });
const RefusalPart = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const Content = z.union([
  z.string(),
  z.array(z.union([TextPart, RefusalPart], { error: "only text content parts are supported by the proxy" })),
  z.null(),
]);

const ToolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal("function").default("function"),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const MessageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: Content.optional(),
  name: z.string().optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  tool_call_id: z.string().optional(),
});

const ToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

const DocumentSchema = z
  .object({ id: z.string().min(1), text: z.string(), source: z.string().min(1).optional() })
  .strict();

/** The `guardstack` extension field of a chat request. */
export const GuardstackExtensionSchema = z
  .object({
    /** Retrieved documents (RAG) to check, spotlight and add to the prompt as a system message. */
    documents: z.array(DocumentSchema).max(1000).optional(),
    /** Keeps conversation risk and taint across requests of one conversation. */
    sessionId: z.string().min(1).max(200).optional(),
    /** Canary tokens planted in the prompt: an answer that repeats one is blocked. */
    canaries: z.array(z.string().min(1)).max(100).optional(),
  })
  .strict();

/** Fields the proxy understands; any other top-level field is accepted and reported as ignored. */
const KNOWN = {
  model: z.string().min(1).optional(),
  messages: z.array(MessageSchema).min(1, "messages must hold at least one message"),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  tools: z.array(ToolSchema).optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  n: z.literal(1, { error: "the proxy returns one choice: n must be 1" }).nullable().optional(),
  user: z.string().max(256).optional(),
  guardstack: GuardstackExtensionSchema.optional(),
};

export const ChatRequestSchema = z.looseObject(KNOWN);

export type ChatRequestBody = z.infer<typeof ChatRequestSchema>;
export type ChatRequestMessage = z.infer<typeof MessageSchema>;
export type GuardstackExtension = z.infer<typeof GuardstackExtensionSchema>;

const KNOWN_NAMES = new Set(Object.keys(KNOWN));

function pathOf(issue: z.core.$ZodIssue): string {
  return formatPath(issue.path.filter((p): p is PathSegment => typeof p !== "symbol"));
}

/** Validates a request body; a 400 naming the first bad field (`param`) otherwise. */
export function parseChatRequest(body: unknown): { request: ChatRequestBody; ignoredParams: string[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(
      400,
      "The request body must be a JSON object.",
      "invalid_request_error",
      "invalid_body",
    );
  const parsed = ChatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const param = pathOf(issue);
    throw new HttpError(
      400,
      `Invalid value for '${param || "body"}': ${issue.message}.`,
      "invalid_request_error",
      issue.code === "invalid_type" && issue.message.includes("undefined")
        ? "missing_required_parameter"
        : "invalid_value",
      param || null,
    );
  }
  const ignoredParams = Object.keys(body).filter((k) => !KNOWN_NAMES.has(k));
  return { request: parsed.data, ignoredParams };
}

/** The text of a message's content (text and refusal parts joined). */
export function contentText(content: ChatRequestMessage["content"]): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : p.refusal)).join("\n");
}
