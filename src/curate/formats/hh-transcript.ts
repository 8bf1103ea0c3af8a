/**
 * Anthropic HH-RLHF transcripts: one string holding a whole dialogue, each turn introduced by
 * "\n\nHuman:" or "\n\nAssistant:" (the first may start the string without the blank line). Turns are
 * returned as ranges of that string, trimmed, so a repaired turn is spliced back in place.
 */
import type { RecordPath, Turn } from "./types.js";

const MARKERS = [
  { text: "\n\nHuman:", role: "user" },
  { text: "\n\nAssistant:", role: "assistant" },
] as const;

/** True when a string is written as an HH transcript. */
export function isTranscript(s: string): boolean {
  return s.includes("\n\nHuman:") || s.startsWith("Human:");
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160;
}

/** The turns of a transcript string found at `path`. */
export function transcriptTurns(s: string, path: RecordPath, side?: Turn["side"]): Turn[] {
  // A transcript may start with "Human:" without the blank line; treat it as if it had one.
  const lead = s.startsWith("Human:") || s.startsWith("Assistant:") ? 2 : 0;
  const text = lead ? "\n\n" + s : s;
  const turns: Turn[] = [];
  let pos = 0;
  let current: { role: "user" | "assistant"; start: number } | undefined;
  const close = (end: number): void => {
    if (!current) return;
    let a = current.start;
    let b = end;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    const range: [number, number] = [a - lead, b - lead];
    const turn: Turn = { role: current.role, text: text.slice(a, b), path, range };
    if (side) turn.side = side;
    turns.push(turn);
  };
  // The next occurrence of each marker, found again only once passed: one scan of the text per marker,
  // however the markers interleave (a text with many of one and none of the other stays linear).
  const next = MARKERS.map((m) => text.indexOf(m.text));
  for (;;) {
    let best = -1;
    let marker: (typeof MARKERS)[number] | undefined;
    MARKERS.forEach((m, k) => {
      if (next[k]! >= 0 && next[k]! < pos) next[k] = text.indexOf(m.text, pos);
      const i = next[k]!;
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
        marker = m;
      }
    });
    if (best < 0 || !marker) break;
    close(best);
    current = { role: marker.role, start: best + marker.text.length };
    pos = current.start;
  }
  close(text.length);
  return turns;
}
