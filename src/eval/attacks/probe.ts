/**
 * The probe of a case is the text an attack rewrites: `prompt`, or the content of the last user message
 * of `messages`. A variant is the seed with the probe replaced and the strategy recorded; it keeps the
 * seed's expectation, category, severity, language and behaviour.
 */
import type { ChatMessage } from "../../providers/types.js";
import type { EvalCase } from "../types.js";

export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return i;
  return -1;
}

/** The probe text of a case; throws when the case has none (a valid suite case always has one). */
export function probeOf(c: EvalCase): string {
  if (c.prompt !== undefined) return c.prompt;
  const i = c.messages ? lastUserIndex(c.messages) : -1;
  if (i < 0) throw new Error(`case ${JSON.stringify(c.id)} has no prompt and no user message to attack`);
  return (c.messages as ChatMessage[])[i]!.content;
}

/** The messages before the probe (a prompt-only case has none). */
export function historyOf(c: EvalCase): ChatMessage[] {
  if (c.prompt !== undefined || c.messages === undefined) return [];
  return c.messages.slice(0, lastUserIndex(c.messages));
}

/** The messages after the probe, e.g. tool calls and tool results the probe led to. */
function tailOf(c: EvalCase): ChatMessage[] {
  if (c.prompt !== undefined || c.messages === undefined) return [];
  return c.messages.slice(lastUserIndex(c.messages) + 1);
}

function deepCopy(c: EvalCase): EvalCase {
  return structuredClone(c);
}

/** Variant ids: `<seed id>~<strategy>` and, for several variants of one strategy, `~<suffix>`. */
export function variantId(c: EvalCase, strategy: string, suffix?: string): string {
  return suffix === undefined ? `${c.id}~${strategy}` : `${c.id}~${strategy}~${suffix}`;
}

interface VariantOptions {
  /** Distinguishes several variants of one strategy. */
  suffix?: string;
  /** Turns to put before the probe (few-shot dialogue); the probe becomes a user message. */
  before?: ChatMessage[];
  language?: string;
}

/** The seed with its probe replaced by `probe`. */
export function makeVariant(
  c: EvalCase,
  strategy: string,
  probe: string,
  opts: VariantOptions = {},
): EvalCase {
  const v = deepCopy(c);
  v.id = variantId(c, strategy, opts.suffix);
  v.behaviour = c.behaviour ?? c.id;
  v.strategy = c.strategy !== undefined ? `${c.strategy}+${strategy}` : strategy;
  if (opts.language !== undefined) v.language = opts.language;
  if (opts.before !== undefined) {
    v.messages = [
      ...historyOf(v),
      ...structuredClone(opts.before),
      { role: "user", content: probe },
      ...tailOf(v),
    ];
    delete v.prompt;
  } else if (v.prompt !== undefined || v.messages === undefined) {
    v.prompt = probe;
  } else {
    const i = lastUserIndex(v.messages);
    v.messages[i] = { ...v.messages[i]!, content: probe };
  }
  return v;
}
