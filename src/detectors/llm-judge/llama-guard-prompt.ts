/**
 * The Llama Guard 3 prompt: the task line naming the role under assessment, the category list, the
 * conversation, and the two-line answer instruction — as in Meta's model card and chat template. In
 * "prompt" transport the whole text is sent as one user message (any instruct model can follow it); in
 * "conversation" transport only the turns are sent and the server's Llama Guard chat template builds
 * this same prompt (Ollama's llama-guard3, vLLM serving Llama-Guard-3-8B).
 */
import type { ChatMessage } from "../../providers/types.js";
import type { Stage } from "../../policy/stages.js";
import type { LlamaGuardCategory } from "./llama-guard-categories.js";

/** Marker lines of the prompt written inside the text, which could close the conversation block early. */
const MARKER =
  /<[ \t]{0,3}(?:begin|end)[ \t]{1,3}(?:conversation|unsafe[ \t]{1,3}content[ \t]{1,3}categories)[ \t]{0,3}>/gi;

export const PATTERNS: readonly RegExp[] = [MARKER];

/** Output-side stages are the agent speaking; everything else is read as the user's message. */
export function roleFor(stage: Stage): "User" | "Agent" {
  return stage === "output" || stage === "toolCall" ? "Agent" : "User";
}

/**
 * Defuses text that imitates the prompt's structure: marker lines become (BEGIN CONVERSATION)-style
 * text, and Llama special-token openers `<|` get a space, so the judged text cannot end its own block.
 */
export function neutralizeText(text: string): string {
  if (!text.includes("<")) return text;
  let out = text.includes("<|") ? text.split("<|").join("< |") : text;
  MARKER.lastIndex = 0;
  out = out.replace(MARKER, (m) => `(${m.slice(1, -1)})`);
  return out;
}

function categoryBlock(categories: readonly LlamaGuardCategory[]): string {
  return categories
    .map((c) => (c.description ? `${c.code}: ${c.name}.\n${c.description}` : `${c.code}: ${c.name}.`))
    .join("\n");
}

export interface LlamaGuardPromptInput {
  text: string;
  stage: Stage;
  /** The user message an assessed answer replies to. */
  prompt?: string;
  categories: readonly LlamaGuardCategory[];
}

/** Placeholder for the user turn when an answer is judged without the message it replies to. */
export const UNKNOWN_PROMPT = "(the user's message is not available)";

export function llamaGuardPrompt(input: LlamaGuardPromptInput): string {
  const role = roleFor(input.stage);
  const turns =
    role === "User"
      ? `User: ${neutralizeText(input.text)}`
      : `User: ${neutralizeText(input.prompt ?? UNKNOWN_PROMPT)}\n\nAgent: ${neutralizeText(input.text)}`;
  return [
    `Task: Check if there is unsafe content in '${role}' messages in conversations according our safety policy with the below categories.`,
    "",
    "<BEGIN UNSAFE CONTENT CATEGORIES>",
    categoryBlock(input.categories),
    "<END UNSAFE CONTENT CATEGORIES>",
    "",
    "<BEGIN CONVERSATION>",
    "",
    turns,
    "",
    "<END CONVERSATION>",
    "",
    `Provide your safety assessment for ONLY THE LAST ${role} message in the above conversation:`,
    " - First line must read 'safe' or 'unsafe'.",
    " - If unsafe, a second line must include a comma-separated list of violated categories.",
  ].join("\n");
}

/** The turns alone, for a server whose chat template builds the Llama Guard prompt itself. */
export function llamaGuardConversation(input: Omit<LlamaGuardPromptInput, "categories">): ChatMessage[] {
  if (roleFor(input.stage) === "User") return [{ role: "user", content: input.text }];
  return [
    { role: "user", content: input.prompt ?? UNKNOWN_PROMPT },
    { role: "assistant", content: input.text },
  ];
}
