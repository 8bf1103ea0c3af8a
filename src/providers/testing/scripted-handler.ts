/**
 * A handler for the mock servers that answers from a script: the first rule whose `match` fits the last
 * user message wins (a string matches as a case-sensitive substring, a RegExp by `test`). Without a match
 * it answers `fallback`, or echoes like the default handler. Rule patterns are the caller's, so they are
 * compiled with RE2 (linear time); a pattern RE2 cannot run (backreferences, lookaround) fails up front.
 */
import RE2 from "re2";
import type { MockReply } from "./mock-reply.js";
import { lastUserText } from "./mock-shared.js";

export interface ScriptRule {
  match: RegExp | string;
  reply: MockReply;
}

export type ScriptedHandler = (body: { messages: { role: string; content: unknown }[] }) => MockReply;

/** The default reply of both mock servers: a labelled echo, so a test can see what reached the "model". */
export function echoReply(body: { messages: { role: string; content: unknown }[] }): MockReply {
  return { text: "Echo: " + lastUserText(body.messages) };
}

/** RE2 version of a rule's pattern, minus the stateful g/y flags (each test starts afresh). */
function compile(pattern: RegExp): InstanceType<typeof RE2> {
  const flags = [...pattern.flags].filter((f) => f !== "g" && f !== "y").join("");
  try {
    return new RE2(pattern.source, flags);
  } catch (err) {
    throw new Error(
      `scriptedHandler: /${pattern.source}/ is not supported by RE2: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

export function scriptedHandler(rules: readonly ScriptRule[], fallback?: MockReply): ScriptedHandler {
  const compiled = rules.map((rule) => ({
    match: typeof rule.match === "string" ? rule.match : compile(rule.match),
    reply: rule.reply,
  }));
  return (body) => {
    const text = lastUserText(body.messages);
    for (const rule of compiled) {
      const hit = typeof rule.match === "string" ? text.includes(rule.match) : rule.match.test(text);
      if (hit) return rule.reply;
    }
    return fallback ?? echoReply(body);
  };
}
