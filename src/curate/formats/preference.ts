/**
 * Preference records (TRL style): `{"prompt", "chosen", "rejected"}` where each field is a string or a
 * list of messages. Without `prompt` the prompt is implicit: it opens both `chosen` and `rejected`
 * (TRL's implicit-prompt variant, and Anthropic HH transcripts "\n\nHuman: ... \n\nAssistant: ...").
 * `question` is read as the prompt and `system` as a system prompt (e.g. Orca DPO pairs).
 */
import { isTranscript, transcriptTurns } from "./hh-transcript.js";
import { messageTurns } from "./messages.js";
import type { FormatAdapter, Turn } from "./types.js";
import { isObject } from "./types.js";

function sideTurns(value: unknown, key: string, side: "chosen" | "rejected"): Turn[] | string {
  if (typeof value === "string") {
    if (isTranscript(value)) return transcriptTurns(value, [key], side);
    return [{ role: "assistant", text: value, path: [key], side }];
  }
  if (Array.isArray(value)) return messageTurns(value, [key], side);
  return `${key} must be a string or a list of messages`;
}

export const preferenceFormat: FormatAdapter = {
  name: "preference",
  shape: '{"prompt", "chosen", "rejected"}',
  matches: (value) => isObject(value) && "chosen" in value && "rejected" in value,
  parse(value) {
    if (!isObject(value) || !("chosen" in value) || !("rejected" in value))
      return 'expected {"prompt": ..., "chosen": ..., "rejected": ...}';
    const prompt: Turn[] = [];
    if (typeof value.system === "string")
      prompt.push({ role: "system", text: value.system, path: ["system"], side: "prompt" });
    const promptKey = "prompt" in value ? "prompt" : "question" in value ? "question" : undefined;
    if (promptKey !== undefined) {
      const p = value[promptKey];
      if (typeof p === "string") {
        if (isTranscript(p)) prompt.push(...transcriptTurns(p, [promptKey], "prompt"));
        else prompt.push({ role: "user", text: p, path: [promptKey], side: "prompt" });
      } else if (Array.isArray(p)) {
        const turns = messageTurns(p, [promptKey], "prompt");
        if (typeof turns === "string") return turns;
        prompt.push(...turns);
      } else return `${promptKey} must be a string or a list of messages`;
    }
    const chosen = sideTurns(value.chosen, "chosen", "chosen");
    if (typeof chosen === "string") return chosen;
    const rejected = sideTurns(value.rejected, "rejected", "rejected");
    if (typeof rejected === "string") return rejected;
    const turns = [...prompt, ...chosen, ...rejected];
    const promptIdx = prompt.map((_, i) => i);
    const chosenIdx = chosen.map((_, i) => prompt.length + i);
    const rejectedIdx = rejected.map((_, i) => prompt.length + chosen.length + i);
    return {
      format: "preference",
      turns,
      threads: [
        [...promptIdx, ...chosenIdx],
        [...promptIdx, ...rejectedIdx],
      ],
    };
  },
};
