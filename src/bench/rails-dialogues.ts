/**
 * Multi-turn dialogues for the conversation-risk benchmark: the human turns of hh-rlhf dialogues
 * ("\n\nHuman: ... \n\nAssistant: ..."), from the helpful set (benign) and the harmless red-team set.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const HUMAN = "\n\nHuman: ";
const ASSISTANT = "\n\nAssistant: ";

/** The human turns of one dialogue, in order. */
export function humanTurns(dialogue: string): string[] {
  const turns: string[] = [];
  for (let i = dialogue.indexOf(HUMAN); i >= 0; i = dialogue.indexOf(HUMAN, i + HUMAN.length)) {
    const start = i + HUMAN.length;
    const nextAssistant = dialogue.indexOf(ASSISTANT, start);
    const nextHuman = dialogue.indexOf(HUMAN, start);
    let end = dialogue.length;
    if (nextAssistant >= 0) end = nextAssistant;
    if (nextHuman >= 0 && nextHuman < end) end = nextHuman;
    const text = dialogue.slice(start, end).trim();
    if (text !== "") turns.push(text);
  }
  return turns;
}

/** Dialogues (their human turns) with at least `minTurns` turns, from the `chosen` side of a file. */
export function readDialogues(dataDir: string, relPath: string, minTurns: number, limit: number): string[][] {
  const file = join(dataDir, relPath);
  if (!existsSync(file)) throw new Error(`benchmark data missing: ${file} (set GUARDSTACK_DATA)`);
  const out: string[][] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (out.length >= limit) break;
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { chosen?: unknown };
    if (typeof row.chosen !== "string") continue;
    const turns = humanTurns(row.chosen);
    if (turns.length >= minTurns) out.push(turns);
  }
  return out;
}
