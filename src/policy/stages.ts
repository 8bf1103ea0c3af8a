/** The points in a request's life where the guard checks text. */
export const STAGES = ["input", "retrieval", "toolCall", "toolResult", "output"] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}
