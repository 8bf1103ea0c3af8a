/**
 * The request body sent to a user's app, from a template. Placeholders:
 *   {{prompt}}   the probe (last user turn), JSON-escaped for use inside a JSON string
 *   {{system}}   the system message (with context documents), JSON-escaped
 *   {{context}}  the context documents joined by blank lines, JSON-escaped
 *   {{messages}} the conversation as a JSON array of { role, content } (not inside quotes)
 * e.g. {"message": "{{prompt}}", "session": "eval"}.
 */
import type { ChatMessage } from "../../../providers/types.js";

export const PLACEHOLDERS = ["prompt", "system", "context", "messages"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/** JSON string escaping without the surrounding quotes. */
export function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Checks a template names only known placeholders and at least one of prompt/messages. */
export function validateTemplate(template: string): void {
  const used = new Set<string>();
  for (let i = template.indexOf("{{"); i >= 0; i = template.indexOf("{{", i + 2)) {
    const end = template.indexOf("}}", i + 2);
    if (end < 0) throw new TemplateError(`unclosed "{{" at character ${i} of the body template`);
    const name = template.slice(i + 2, end).trim();
    if (!(PLACEHOLDERS as readonly string[]).includes(name))
      throw new TemplateError(
        `unknown placeholder "{{${name}}}" in the body template; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
      );
    used.add(name);
  }
  if (!used.has("prompt") && !used.has("messages"))
    throw new TemplateError(
      'the body template must contain {{prompt}} or {{messages}}, e.g. {"message": "{{prompt}}"}',
    );
}

export interface TemplateValues {
  prompt: string;
  system: string;
  context: string;
  messages: ChatMessage[];
}

export function renderTemplate(template: string, v: TemplateValues): string {
  const values: Record<Placeholder, string> = {
    prompt: jsonEscape(v.prompt),
    system: jsonEscape(v.system),
    context: jsonEscape(v.context),
    messages: JSON.stringify(v.messages.map((m) => ({ role: m.role, content: m.content }))),
  };
  let out = "";
  let from = 0;
  for (let i = template.indexOf("{{"); i >= 0; i = template.indexOf("{{", from)) {
    const end = template.indexOf("}}", i + 2);
    if (end < 0) break;
    const name = template.slice(i + 2, end).trim() as Placeholder;
    out += template.slice(from, i) + (values[name] ?? template.slice(i, end + 2));
    from = end + 2;
  }
  return out + template.slice(from);
}
