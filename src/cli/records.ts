/**
 * The record shapes `scan` and `classify` accept: `{id, text}` or a chat `{id, messages}` whose message
 * content is a string or OpenAI-style parts. Each becomes one or more texts to check, with the stage
 * implied by the message role.
 */
import { z } from "zod";
import type { Stage } from "../policy/stages.js";

const Part = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
const Message = z
  .object({
    role: z.enum(["system", "developer", "user", "assistant", "tool"]),
    content: z.union([z.string(), z.array(Part), z.null()]),
  })
  .passthrough();

const Id = z.union([z.string(), z.number()]);
export const TextRecord = z.object({ id: Id.optional(), text: z.string() }).passthrough();
export const ChatRecord = z.object({ id: Id.optional(), messages: z.array(Message).min(1) }).passthrough();

export interface CheckItem {
  id: string;
  /** Index of the message within a chat record. */
  message?: number;
  role?: string;
  stage: Stage;
  text: string;
  systemPrompt?: string;
}

const ROLE_STAGE: Record<string, Stage | undefined> = {
  user: "input",
  assistant: "output",
  tool: "toolResult",
};

function contentText(content: z.infer<typeof Message>["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => p.text ?? "").join("\n");
}

/**
 * Turns one parsed JSON value into items to check. With a fixed stage, a chat record contributes only the
 * messages whose role belongs to that stage; with "auto", every user, assistant and tool message.
 * Returns an error string for a value of neither shape.
 */
export function toCheckItems(value: unknown, line: number, stage: Stage | "auto"): CheckItem[] | string {
  const asText = TextRecord.safeParse(value);
  if (asText.success) {
    return [
      {
        id: String(asText.data.id ?? `line-${line}`),
        stage: stage === "auto" ? "input" : stage,
        text: asText.data.text,
      },
    ];
  }
  const asChat = ChatRecord.safeParse(value);
  if (!asChat.success) {
    return 'expected {"id", "text"} or {"id", "messages": [{"role", "content"}]}';
  }
  const id = String(asChat.data.id ?? `line-${line}`);
  const system = asChat.data.messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => contentText(m.content))
    .join("\n");
  const items: CheckItem[] = [];
  asChat.data.messages.forEach((m, i) => {
    const roleStage = ROLE_STAGE[m.role];
    if (!roleStage || (stage !== "auto" && roleStage !== stage)) return;
    const item: CheckItem = { id, message: i, role: m.role, stage: roleStage, text: contentText(m.content) };
    if (system) item.systemPrompt = system;
    items.push(item);
  });
  return items;
}
