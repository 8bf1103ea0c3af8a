/**
 * A judge prompt template with {{text}}, {{prompt}}, {{role}} and {{stage}} placeholders. The template is
 * split once, up front, so each render is one pass: a placeholder written inside the judged text is
 * never substituted again, and an unknown placeholder is a configuration error, not a silent blank.
 */
import type { JudgeRequest } from "./types.js";
import { roleFor, UNKNOWN_PROMPT } from "./llama-guard-prompt.js";

export const PLACEHOLDERS = ["text", "prompt", "role", "stage"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

type Piece = { literal: string } | { slot: Placeholder };

export type RenderTemplate = (request: JudgeRequest) => string;

export function compileTemplate(template: string): RenderTemplate {
  const pieces: Piece[] = [];
  let i = 0;
  for (;;) {
    const open = template.indexOf("{{", i);
    if (open < 0) break;
    const close = template.indexOf("}}", open + 2);
    if (close < 0) break;
    const name = template.slice(open + 2, close).trim();
    if (!(PLACEHOLDERS as readonly string[]).includes(name))
      throw new Error(
        `judge template: unknown placeholder {{${name}}}; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
      );
    if (open > i) pieces.push({ literal: template.slice(i, open) });
    pieces.push({ slot: name as Placeholder });
    i = close + 2;
  }
  if (i < template.length) pieces.push({ literal: template.slice(i) });
  if (!pieces.some((p) => "slot" in p && p.slot === "text"))
    throw new Error("judge template: it must contain {{text}}, where the judged text goes");

  return (req) => {
    const values: Record<Placeholder, string> = {
      text: req.text,
      prompt: req.prompt ?? UNKNOWN_PROMPT,
      role: roleFor(req.stage) === "User" ? "user" : "assistant",
      stage: req.stage,
    };
    let out = "";
    for (const p of pieces) out += "literal" in p ? p.literal : values[p.slot];
    return out;
  };
}
