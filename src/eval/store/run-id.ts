import { randomBytes } from "node:crypto";

/** A run id that sorts by time and reads well in a terminal: run-20250101-120000-3fa2. */
export function newRunId(now: Date = new Date()): string {
  const iso = now.toISOString(); // 2025-01-01T12:00:00.000Z
  const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
  return `run-${stamp}-${randomBytes(2).toString("hex")}`;
}

/** The key of one case result within a run: the same case under another strategy is another result. */
export function resultKey(suiteId: string, caseId: string, strategy: string | undefined): string {
  return `${suiteId}\u0000${caseId}\u0000${strategy ?? ""}`;
}
