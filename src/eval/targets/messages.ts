/**
 * How an eval case becomes a chat request: the system prompt, then the context documents (as a RAG
 * application would pass retrieved text: in the system message, each document delimited and numbered),
 * then the conversation — the case's `messages`, or its `prompt` as one user turn.
 */
import type { ChatMessage } from "../../providers/types.js";
import type { EvalCase } from "../types.js";

export class CaseShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CaseShapeError";
  }
}

/** Documents as the model gets them: numbered and delimited, or already marked by the retrieval rail. */
export interface DocumentBlock {
  /** The documents' text, ready for the prompt. */
  text: string;
  /** What to tell the model about them (the spotlighting sentence), if anything. */
  instruction?: string;
}

/** Numbered, delimited documents (what an application without a retrieval rail would send). */
export function plainDocuments(documents: readonly string[]): DocumentBlock {
  return { text: documents.map((d, i) => `<document ${i + 1}>\n${d}\n</document ${i + 1}>`).join("\n\n") };
}

/** The system message text for a case given its (possibly filtered) context documents. */
export function systemText(
  system: string | undefined,
  documents: readonly string[] | DocumentBlock,
): string | undefined {
  const block = Array.isArray(documents) ? plainDocuments(documents) : (documents as DocumentBlock);
  if (block.text === "") return system;
  const intro = ["Answer using the following documents retrieved for this conversation.", block.instruction]
    .filter((s): s is string => s !== undefined && s !== "")
    .join(" ");
  const body = `${intro}\n\n${block.text}`;
  return system === undefined || system === "" ? body : `${system}\n\n${body}`;
}

/** The conversation turns of a case (no system message), with user/assistant turns as written. */
export function conversationTurns(c: EvalCase): ChatMessage[] {
  if (c.messages !== undefined && c.messages.length > 0) return c.messages.map((m) => ({ ...m }));
  if (c.prompt !== undefined) return [{ role: "user", content: c.prompt }];
  throw new CaseShapeError(`case "${c.id}" has neither a prompt nor messages`);
}

/** The full request messages of a case; `documents` overrides the case's context (e.g. after a retrieval rail). */
export function caseMessages(
  c: EvalCase,
  documents: readonly string[] | DocumentBlock = c.context ?? [],
): ChatMessage[] {
  const turns = conversationTurns(c);
  const ownSystem = turns.filter((m) => m.role === "system").map((m) => m.content);
  const rest = turns.filter((m) => m.role !== "system");
  const base = [c.system, ...ownSystem].filter((s): s is string => s !== undefined && s !== "").join("\n\n");
  const system = systemText(base === "" ? undefined : base, documents);
  return system === undefined ? rest : [{ role: "system", content: system }, ...rest];
}

/** The probe: the last user turn (or the prompt). */
export function probeText(c: EvalCase): string {
  if (c.messages !== undefined && c.messages.length > 0) {
    for (let i = c.messages.length - 1; i >= 0; i--)
      if (c.messages[i]!.role === "user") return c.messages[i]!.content;
    return "";
  }
  return c.prompt ?? "";
}

/** Everything the user side wrote (all user turns), for telling a leak from an echo of the user's own data. */
export function userSideText(c: EvalCase): string {
  if (c.messages !== undefined && c.messages.length > 0)
    return c.messages
      .filter((m) => m.role === "user")
      .map((m) => m.content)
      .join("\n");
  return c.prompt ?? "";
}
